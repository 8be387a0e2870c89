import { createHash } from 'node:crypto';
import { MIN_TOKEN_LENGTH, parseTokenEntries } from './token-entry.parser';

const hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const fingerprint = (text: string): string => `token-${hex(text).slice(0, 12)}`;

const LONG_TOKEN = 'a-long-enough-secret-token';
const SHORT_TOKEN = 'short';

describe(parseTokenEntries.name, () => {
  describe('plaintext tokens', () => {
    it('should identify a bare token by the first 12 hex digits of its SHA-256', () => {
      const { entries, invalidLines } = parseTokenEntries([LONG_TOKEN]);

      expect(invalidLines).toEqual([]);
      expect(entries).toHaveLength(1);
      expect(entries[0].clientId).toBe(fingerprint(LONG_TOKEN));
      expect(entries[0].clientId).toMatch(/^token-[0-9a-f]{12}$/);
      expect(entries[0].digest.toString('hex')).toBe(hex(LONG_TOKEN));
    });

    it('should use the name of a name=token line as the client id and hash only the token', () => {
      const { entries } = parseTokenEntries([`ci-bot=${LONG_TOKEN}`]);

      expect(entries).toEqual([{ clientId: 'ci-bot', digest: Buffer.from(hex(LONG_TOKEN), 'hex') }]);
    });

    it('should trim whitespace around the line, the name and the token', () => {
      const { entries } = parseTokenEntries([`   ci-bot =  ${LONG_TOKEN}   `]);

      expect(entries).toEqual([{ clientId: 'ci-bot', digest: Buffer.from(hex(LONG_TOKEN), 'hex') }]);
    });

    it('should treat a line whose name has invalid characters as one plaintext token', () => {
      const { entries, invalidLines } = parseTokenEntries(['a b=c']);

      expect(invalidLines).toEqual([]);
      expect(entries).toEqual([{ clientId: fingerprint('a b=c'), digest: Buffer.from(hex('a b=c'), 'hex') }]);
    });

    it('should keep a base64 token with one trailing = as one plaintext token', () => {
      const base64 = 'dG9rZW4tdmFsdWUtMTIzNDU2Nzg=';

      const { entries } = parseTokenEntries([base64]);

      expect(entries).toEqual([{ clientId: fingerprint(base64), digest: Buffer.from(hex(base64), 'hex') }]);
    });

    it('should keep a base64 token with == padding as one plaintext token', () => {
      const base64 = 'dG9rZW4tdmFsdWUtMTIzNA==';

      const { entries, weakTokens } = parseTokenEntries([base64]);

      expect(entries).toEqual([{ clientId: fingerprint(base64), digest: Buffer.from(hex(base64), 'hex') }]);
      expect(weakTokens).toBe(0);
    });

    it('should accept a token containing = when written as name=token', () => {
      const base64 = 'dG9rZW4tdmFsdWUtMTIzNDU=';

      const { entries } = parseTokenEntries([`legacy=${base64}`]);

      expect(entries).toEqual([{ clientId: 'legacy', digest: Buffer.from(hex(base64), 'hex') }]);
    });
  });

  describe('digests', () => {
    it('should take a named sha256 digest from its hex and use the name as the client id', () => {
      const digest = hex(LONG_TOKEN);

      const { entries, invalidLines } = parseTokenEntries([`ops=sha256:${digest}`]);

      expect(invalidLines).toEqual([]);
      expect(entries).toEqual([{ clientId: 'ops', digest: Buffer.from(digest, 'hex') }]);
    });

    it('should give a bare digest the same client id as the plaintext it hashes', () => {
      const [fromDigest, fromPlaintext] = parseTokenEntries([`sha256:${hex(LONG_TOKEN)}`, LONG_TOKEN]).entries;

      expect(fromDigest.clientId).toBe(fingerprint(LONG_TOKEN));
      expect(fromDigest).toEqual(fromPlaintext);
    });

    it('should accept upper-case hex and still derive a lower-case client id', () => {
      const digest = hex(LONG_TOKEN);

      const { entries } = parseTokenEntries([`sha256:${digest.toUpperCase()}`]);

      expect(entries).toEqual([{ clientId: fingerprint(LONG_TOKEN), digest: Buffer.from(digest, 'hex') }]);
    });

    it.each([
      ['too short', `sha256:${'a'.repeat(63)}`],
      ['too long', `sha256:${'a'.repeat(65)}`],
      ['not hex', `sha256:${'g'.repeat(64)}`],
      ['empty', 'sha256:'],
      ['named and too short', `ops=sha256:${'b'.repeat(10)}`],
      ['named and not hex', `ops=sha256:${'z'.repeat(64)}`],
    ])('should report a malformed digest (%s) by its line number', (_case, line) => {
      const { entries, invalidLines } = parseTokenEntries([line]);

      expect(entries).toEqual([]);
      expect(invalidLines).toEqual([1]);
    });
  });

  describe('lines', () => {
    it('should skip blank and comment lines while counting line numbers from 1', () => {
      const secret = `sha256:${'0123456789abcdef'.repeat(3)}`; // 48 hex digits: malformed

      const result = parseTokenEntries(['# tokens for staging', '', '   ', `  # ${LONG_TOKEN}`, secret, LONG_TOKEN]);

      expect(result.invalidLines).toEqual([5]);
      expect(result.entries.map((entry) => entry.clientId)).toEqual([fingerprint(LONG_TOKEN)]);
    });

    it('should never put the content of an unreadable line in the result', () => {
      const secret = `sha256:not-a-digest-but-maybe-a-secret`;

      const result = parseTokenEntries([LONG_TOKEN, secret]);

      expect(result.invalidLines).toEqual([2]);
      expect(JSON.stringify(result)).not.toContain('not-a-digest');
    });

    it('should return nothing for no lines', () => {
      expect(parseTokenEntries([])).toEqual({ entries: [], invalidLines: [], weakTokens: 0 });
    });
  });

  describe('weakTokens', () => {
    it(`should count plaintext tokens shorter than ${MIN_TOKEN_LENGTH} characters`, () => {
      const result = parseTokenEntries([SHORT_TOKEN, `named=${SHORT_TOKEN}`, 'x'.repeat(MIN_TOKEN_LENGTH - 1), 'y'.repeat(MIN_TOKEN_LENGTH), LONG_TOKEN]);

      expect(result.entries).toHaveLength(5);
      expect(result.weakTokens).toBe(3);
    });

    it('should not count digests, which carry no length', () => {
      const result = parseTokenEntries([`sha256:${hex(SHORT_TOKEN)}`, `ops=sha256:${hex(SHORT_TOKEN)}`]);

      expect(result.entries).toHaveLength(2);
      expect(result.weakTokens).toBe(0);
    });
  });
  describe('token budgets', () => {
    it('should read a trailing budget=N as the client\'s token budget, apart from the secret', () => {
      const { entries, invalidLines } = parseTokenEntries([`ci-bot=${LONG_TOKEN}  budget=250000`]);

      expect(invalidLines).toEqual([]);
      expect(entries).toEqual([{ clientId: 'ci-bot', digest: Buffer.from(hex(LONG_TOKEN), 'hex'), tokenBudget: 250000 }]);
    });

    it('should accept a budget on a digest line too', () => {
      const { entries } = parseTokenEntries([`ci-bot=sha256:${hex(LONG_TOKEN)} budget=10`]);

      expect(entries[0]).toMatchObject({ clientId: 'ci-bot', tokenBudget: 10 });
    });

    it('should refuse a line with budget=0 (remove the token to shut a client out)', () => {
      const { entries, invalidLines } = parseTokenEntries([`ci-bot=${LONG_TOKEN} budget=0`]);

      expect(entries).toEqual([]);
      expect(invalidLines).toEqual([1]);
    });

    it('should refuse a line whose budget is not a whole number', () => {
      const { entries, invalidLines } = parseTokenEntries([`ci-bot=${LONG_TOKEN} budget=lots`, `other=${LONG_TOKEN} budget=`]);

      expect(entries).toEqual([]);
      expect(invalidLines).toEqual([1, 2]);
    });
  });
});
