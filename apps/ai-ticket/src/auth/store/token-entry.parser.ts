import { hash } from 'node:crypto';

/** One accepted token, kept only as its SHA-256 digest. */
export interface TokenEntry {
  /** The client's identity: its name, or a fingerprint of the token. */
  clientId: string;
  digest: Buffer;
  /** Tokens the client may use per budget window (`budget=N` on its line); absent: the default applies. */
  tokenBudget?: number;
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
/** A trailing ` budget=N` attribute (a secret never ends in one; a line of only `budget=N` is a named token). */
const BUDGET = /\s+budget=(\S*)$/;
export const MIN_TOKEN_LENGTH = 16;

/** One-shot: every authenticated request hashes its token, and a Hash object per call costs more. */
export function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/**
 * Reads token specs, one per line (or per comma-separated item of the environment variable):
 * `token`, `sha256:<hex>`, `name=token` or `name=sha256:<hex>`. Blank lines and `#` comments are
 * skipped. A plaintext token that contains `=` other than as trailing base64 padding must be written
 * as `name=token`. A line may end with ` budget=N`: the client's token budget per window.
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
    const { clientId, digest, tokenBudget } = entry;
    result.entries.push(tokenBudget === undefined ? { clientId, digest } : { clientId, digest, tokenBudget });
  });
  return result;
}

function parseLine(fullLine: string): (TokenEntry & { weak: boolean }) | undefined {
  const budget = BUDGET.exec(fullLine);
  const line = budget ? fullLine.slice(0, budget.index).trim() : fullLine;
  const tokenBudget = budget ? Number(budget[1]) : undefined;
  // Not a whole number, or a budget of nothing (remove the token instead): a mistake, not a secret.
  if (budget && !/^[1-9]\d{0,14}$/.test(budget[1])) return undefined;
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
    tokenBudget,
    weak: !digestSpec && secret.length < MIN_TOKEN_LENGTH,
  };
}
