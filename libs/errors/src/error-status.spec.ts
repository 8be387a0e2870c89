import { ErrorCode } from './error-code.enum';
import { httpStatusFor } from './error-status';

describe(httpStatusFor.name, () => {
  it.each(Object.values(ErrorCode))('should map %s to an HTTP error status', (code) => {
    const status = httpStatusFor(code);

    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it.each([
    [ErrorCode.InvalidRequest, 400],
    [ErrorCode.InvalidInputFormat, 400],
    [ErrorCode.MissingContentField, 400],
    [ErrorCode.NotFound, 404],
    [ErrorCode.PayloadTooLarge, 413],
    [ErrorCode.PromptExtractionFailed, 422],
    [ErrorCode.InternalError, 500],
    [ErrorCode.ApiConnectionError, 502],
    [ErrorCode.ApiServerError, 502],
    [ErrorCode.ApiRateLimited, 502],
    [ErrorCode.ApiAuthenticationError, 502],
    [ErrorCode.ApiClientError, 502],
    [ErrorCode.ApiResponseFormatError, 502],
    [ErrorCode.ApiResponseStructureError, 502],
    [ErrorCode.UpstreamUnavailable, 503],
    [ErrorCode.UpstreamTimeout, 504],
  ])('should map %s to %d', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });

  it('should throw for a value that is not an error code', () => {
    expect(() => httpStatusFor('no_such_code' as ErrorCode)).toThrow('no_such_code');
  });
});
