import { AppException, ErrorCode } from '@ai-ticket/errors';
import { invalidParam } from './request/invalid-param.exception';
import { toOpenAiError } from './openai-error.mapper';

describe(toOpenAiError.name, () => {
  it('should answer a refused field in the error object with its param', () => {
    expect(toOpenAiError(invalidParam('n', "'n' must be 1."), 'req-1')).toMatchObject({
      status: 400,
      headers: {},
      body: { error: { message: "'n' must be 1.", type: 'invalid_request_error', param: 'n', code: 'invalid_request' } },
    });
  });

  it.each([
    [ErrorCode.InvalidRequest, 400, 'invalid_request_error'],
    [ErrorCode.PromptExtractionFailed, 400, 'invalid_request_error'],
    [ErrorCode.PayloadTooLarge, 400, 'invalid_request_error'],
    [ErrorCode.Unauthorised, 401, 'authentication_error'],
    [ErrorCode.Forbidden, 403, 'permission_error'],
    [ErrorCode.NotFound, 404, 'not_found_error'],
    [ErrorCode.RateLimited, 429, 'rate_limit_error'],
    [ErrorCode.InternalError, 500, 'server_error'],
    [ErrorCode.ApiServerError, 500, 'server_error'],
    [ErrorCode.UpstreamUnavailable, 503, 'server_error'],
    [ErrorCode.UpstreamTimeout, 503, 'server_error'],
    [ErrorCode.RateLimiterUnavailable, 503, 'server_error'],
  ])('should send %s with status %d and type %s, keeping our code', (code, status, type) => {
    const response = toOpenAiError(new AppException(code, 'Something.'));

    expect(response.status).toBe(status);
    expect(response.body.error).toEqual({ message: 'Something.', type, param: null, code });
  });

  it('should keep Retry-After and the headers the error implies', () => {
    const response = toOpenAiError(new AppException(ErrorCode.RateLimited, 'Slow down.', { retryAfterSeconds: 7, headers: { 'x-extra': '1' } }));

    expect(response.headers).toEqual({ 'retry-after': '7', 'x-extra': '1' });
  });

  it('should hide the message of an unexpected error', () => {
    const response = toOpenAiError(new Error('db password is hunter2'));

    expect(response.status).toBe(500);
    expect(response.source.unexpected).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
  });
});
