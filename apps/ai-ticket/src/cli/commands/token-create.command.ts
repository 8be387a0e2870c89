import { createHash, randomBytes } from 'node:crypto';
import { parseTokenEntries } from '../../auth/store/token-entry.parser';
import { UsageError } from '../cli-failure.exception';
import type { CommandSpec } from '../command.types';
import { ExitCode } from '../exit-code.constants';
import { JSON_OPTION } from './common-options';

/** 32 random bytes: 256 bits, 43 characters of base64url (no `=`, so it never reads as `name=token`). */
const TOKEN_BYTES = 32;

export const tokenCreateCommand: CommandSpec = {
  name: 'token create',
  usage: '[--name NAME] [--json]',
  description: `Make a new random API token and print it once, with the line to add to the token file
(AI_TICKET_AUTH_TOKEN_FILE; ops/secrets/api-tokens with Compose). The line holds only the token's
SHA-256, so the secret file never contains the token itself. Nothing is stored: give the token to the
client now.`,
  options: [
    { name: 'name', type: 'string', value: 'NAME', description: "The client's identity in logs and rate limits (letters, digits, . _ -)" },
    JSON_OPTION,
  ],
  positionals: { min: 0, max: 0 },
  exitCodes: 'Exit codes: 0 printed, 2 usage error (an invalid name).',
  async run({ values, out }) {
    const name = values.name as string | undefined;
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const sha256 = createHash('sha256').update(token, 'utf8').digest('hex');
    const line = name === undefined ? `sha256:${sha256}` : `${name}=sha256:${sha256}`;
    // The service's own parser decides what a valid name is, so the line is accepted by construction.
    const [entry] = parseTokenEntries([line]).entries;
    if (name !== undefined && entry?.clientId !== name) throw new UsageError(`invalid --name "${name}": use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
    const clientId = entry.clientId;

    if (values.json) {
      out.json({ name: clientId, token, sha256, tokenFileLine: line });
      return ExitCode.Ok;
    }
    out.line(out.out.bold(`Token for ${clientId} (shown once; hand it to the client, e.g. as AI_TICKET_TOKEN):`));
    out.line(`  ${token}`);
    out.line(out.out.bold('Line for the token file:'));
    out.line(`  ${line}`);
    return ExitCode.Ok;
  },
};
