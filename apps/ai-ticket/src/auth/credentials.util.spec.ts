import type { IncomingHttpHeaders } from 'node:http';
import { presentedToken } from './credentials.util';

const TOKEN = 'a-long-enough-secret-token';

describe(presentedToken.name, () => {
  describe('Authorization', () => {
    it('should read a Bearer token', () => {
      expect(presentedToken({ authorization: `Bearer ${TOKEN}` })).toBe(TOKEN);
    });

    it.each(['bearer', 'BEARER', 'BeArEr'])('should accept the scheme spelled %s', (scheme) => {
      expect(presentedToken({ authorization: `${scheme} ${TOKEN}` })).toBe(TOKEN);
    });

    it('should tolerate extra spaces between the scheme and the token and after the token', () => {
      expect(presentedToken({ authorization: `Bearer    ${TOKEN}   ` })).toBe(TOKEN);
    });

    it('should return undefined for Bearer without a token', () => {
      expect(presentedToken({ authorization: 'Bearer' })).toBeUndefined();
      expect(presentedToken({ authorization: 'Bearer   ' })).toBeUndefined();
    });

    it('should return undefined for a Bearer value made of several words', () => {
      expect(presentedToken({ authorization: `Bearer ${TOKEN} extra` })).toBeUndefined();
    });

    it('should ignore another scheme such as Basic', () => {
      expect(presentedToken({ authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` })).toBeUndefined();
    });

    it('should not take a scheme that merely starts with Bearer', () => {
      expect(presentedToken({ authorization: `BearerX ${TOKEN}` })).toBeUndefined();
    });
  });

  describe('X-API-Key', () => {
    it('should read the key, trimmed', () => {
      expect(presentedToken({ 'x-api-key': `  ${TOKEN}  ` })).toBe(TOKEN);
    });

    it('should return undefined for an empty or blank key', () => {
      expect(presentedToken({ 'x-api-key': '' })).toBeUndefined();
      expect(presentedToken({ 'x-api-key': '   ' })).toBeUndefined();
    });

    it('should take the first value of an array header', () => {
      const headers = { 'x-api-key': [TOKEN, 'second-value'] } as unknown as IncomingHttpHeaders;

      expect(presentedToken(headers)).toBe(TOKEN);
    });

    it('should return undefined for an empty array header', () => {
      const headers = { 'x-api-key': [] } as unknown as IncomingHttpHeaders;

      expect(presentedToken(headers)).toBeUndefined();
    });

    it('should fall back to the key when Authorization uses another scheme', () => {
      expect(presentedToken({ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': TOKEN })).toBe(TOKEN);
    });

    it('should fall back to the key when Bearer carries no token', () => {
      expect(presentedToken({ authorization: 'Bearer', 'x-api-key': TOKEN })).toBe(TOKEN);
    });

    it('should prefer a Bearer token over the key', () => {
      expect(presentedToken({ authorization: `Bearer ${TOKEN}`, 'x-api-key': 'other-key' })).toBe(TOKEN);
    });
  });

  it('should return undefined when no credentials are sent', () => {
    expect(presentedToken({})).toBeUndefined();
  });
});
