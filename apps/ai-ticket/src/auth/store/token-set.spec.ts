import { timingSafeEqual } from 'node:crypto';
import { sha256, type TokenEntry } from './token-entry.parser';
import { TokenSet } from './token-set';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const entry = (clientId: string, token: string): TokenEntry => ({ clientId, digest: sha256(token) });

const ALICE = 'alice-secret-token-0001';
const BOB = 'bob-secret-token-0002';
const CAROL = 'carol-secret-token-0003';

describe(TokenSet.name, () => {
  let sut: TokenSet;

  beforeEach(() => {
    sut = new TokenSet([entry('alice', ALICE), entry('bob', BOB), entry('carol', CAROL)]);
    jest.mocked(timingSafeEqual).mockClear();
  });

  describe('size', () => {
    it('should count the entries', () => {
      expect(sut.size).toBe(3);
      expect(new TokenSet([]).size).toBe(0);
    });
  });

  describe('match', () => {
    it('should return the identity of the entry the token belongs to', () => {
      expect(sut.match(BOB)).toEqual({ id: 'bob' });
    });

    it('should return undefined for a token that is not in the set', () => {
      expect(sut.match('mallory-guessed-token')).toBeUndefined();
    });

    it('should not match a prefix or a padded variant of an accepted token', () => {
      expect(sut.match(ALICE.slice(0, -1))).toBeUndefined();
      expect(sut.match(`${ALICE} `)).toBeUndefined();
    });

    it('should match nothing in an empty set, even an empty token', () => {
      const empty = new TokenSet([]);

      expect(empty.match(ALICE)).toBeUndefined();
      expect(empty.match('')).toBeUndefined();
    });

    it('should accept every token of a client that has two entries under the same name', () => {
      const rotating = new TokenSet([entry('ci', 'old-ci-token-aaaaaaaa'), entry('ci', 'new-ci-token-bbbbbbbb')]);

      expect(rotating.match('old-ci-token-aaaaaaaa')).toEqual({ id: 'ci' });
      expect(rotating.match('new-ci-token-bbbbbbbb')).toEqual({ id: 'ci' });
    });

    it('should return the first matching entry when the same token is listed twice', () => {
      const duplicated = new TokenSet([entry('first', ALICE), entry('second', ALICE)]);

      expect(duplicated.match(ALICE)).toEqual({ id: 'first' });
    });

    it('should compare in constant time against every entry even when the first one matches', () => {
      sut.match(ALICE);

      expect(timingSafeEqual).toHaveBeenCalledTimes(3);
      const presented = sha256(ALICE);
      for (const [, digest] of jest.mocked(timingSafeEqual).mock.calls) expect(digest).toEqual(presented);
    });

    it('should compare against every entry when nothing matches', () => {
      sut.match('mallory-guessed-token');

      expect(timingSafeEqual).toHaveBeenCalledTimes(3);
    });
  });
});
