import { createHash } from 'node:crypto';

/** One accepted token, kept only as its SHA-256 digest. */
export interface TokenEntry {
  /** The client's identity: its name, or a fingerprint of the token. */
  clientId: string;
  digest: Buffer;
}

export interface ParsedTokens {
  entries: TokenEntry[];
  /** 1-based numbers of lines that could not be read (never their content: it may be a secret). */
  invalidLines: number[];
  /** How many plaintext tokens are too short to resist guessing. */
  weakTokens: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DIGEST = /^sha256:([0-9a-f]{64})$/i;
export const MIN_TOKEN_LENGTH = 16;

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Reads token specs, one per line (or per comma-separated item of the environment variable):
 * `token`, `sha256:<hex>`, `name=token` or `name=sha256:<hex>`. Blank lines and `#` comments are
 * skipped. A plaintext token that contains `=` other than as trailing base64 padding must be written
 * as `name=token`.
 */
export function parseTokenEntries(lines: string[]): ParsedTokens {
  const result: ParsedTokens = { entries: [], invalidLines: [], weakTokens: 0 };
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const entry = parseLine(line);
    if (!entry) {
      result.invalidLines.push(index + 1);
      return;
    }
    if (entry.weak) result.weakTokens += 1;
    result.entries.push({ clientId: entry.clientId, digest: entry.digest });
  });
  return result;
}

function parseLine(line: string): (TokenEntry & { weak: boolean }) | undefined {
  const equals = line.indexOf('=');
  const name = equals > 0 ? line.slice(0, equals).trim() : undefined;
  const rest = line.slice(equals + 1).trim();
  // Base64 padding (`abc==`) must not read as name `abc` with the secret `=`: a secret never starts with `=`.
  const named = name !== undefined && NAME.test(name) && rest !== '' && !rest.startsWith('=');
  const secret = named ? rest : line;
  const digestSpec = DIGEST.exec(secret);
  if (!digestSpec && secret.toLowerCase().startsWith('sha256:')) return undefined; // a malformed digest
  const digest = digestSpec ? Buffer.from(digestSpec[1], 'hex') : sha256(secret);
  return {
    clientId: named ? (name as string) : `token-${digest.toString('hex').slice(0, 12)}`,
    digest,
    weak: !digestSpec && secret.length < MIN_TOKEN_LENGTH,
  };
}
