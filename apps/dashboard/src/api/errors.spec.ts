import { ApiError, errorFromResponse, isAuthFailure, UnauthorisedError } from './errors';

describe(isAuthFailure.name, () => {
  it('should treat 401 and 403 as auth failures and nothing else', () => {
    expect([401, 403, 400, 404, 500].map(isAuthFailure)).toEqual([true, true, false, false, false]);
  });
});

describe(errorFromResponse.name, () => {
  describe('for an auth failure', () => {
    it('should return an UnauthorisedError carrying the server message', () => {
      const error = errorFromResponse(401, JSON.stringify({ error: 'invalid_token', message: 'Token expired' }));
      expect(error).toBeInstanceOf(UnauthorisedError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_token', message: 'Token expired' });
    });

    it('should use a readable message when the body has none', () => {
      expect(errorFromResponse(401, '{"error":"unauthorised"}').message).toBe('The API token was not accepted.');
      expect(errorFromResponse(403, '<html>Forbidden</html>').message).toBe('The API token was not accepted.');
    });
  });

  describe('for other failures', () => {
    it('should return a plain ApiError with a generic code for a non-JSON body', () => {
      const error = errorFromResponse(502, '<html>Bad gateway</html>');
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(UnauthorisedError);
      expect(error).toMatchObject({ code: 'http_502', message: 'The server answered 502.' });
    });
  });
});
