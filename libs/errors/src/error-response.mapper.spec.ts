import {
  BadRequestException,
  ForbiddenException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code.enum';
import { toErrorResponse } from './error-response.mapper';

const REQUEST_ID = 'req-123';

describe(toErrorResponse.name, () => {
  describe('AppException', () => {
    it.each(Object.values(ErrorCode))('should answer %s with a status and the code as error', (code) => {
      const response = toErrorResponse(new AppException(code, 'Something specific.'), REQUEST_ID);

      expect(response.body.error).toBe(code);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.unexpected).toBe(false);
    });

    it('should build the body with error, message, details and request id', () => {
      const exception = new AppException(ErrorCode.InvalidRequest, 'Unknown field(s): kobold_url.', {
        details: { kobold_url: 'is not an accepted field' },
      });

      expect(toErrorResponse(exception, REQUEST_ID)).toEqual({
        status: 400,
        body: {
          error: 'invalid_request',
          message: 'Unknown field(s): kobold_url.',
          details: { kobold_url: 'is not an accepted field' },
          requestId: REQUEST_ID,
        },
        headers: {},
        unexpected: false,
      });
    });

    it('should leave details and request id out of the body when absent', () => {
      const response = toErrorResponse(new AppException(ErrorCode.NotFound, 'No such endpoint.'));

      expect(response.body).toEqual({ error: 'not_found', message: 'No such endpoint.' });
    });

    it.each([
      [30, '30'],
      [2.2, '3'],
      [0.2, '1'],
      [0, '1'],
    ])('should send retryAfterSeconds %p as a retry-after header of %s', (retryAfterSeconds, header) => {
      const response = toErrorResponse(new AppException(ErrorCode.UpstreamUnavailable, 'Busy.', { retryAfterSeconds }));

      expect(response.status).toBe(503);
      expect(response.headers).toEqual({ 'retry-after': header });
    });

    it('should send no retry-after header without retryAfterSeconds', () => {
      expect(toErrorResponse(new AppException(ErrorCode.UpstreamTimeout, 'Slow.')).headers).toEqual({});
    });
  });

  describe('Nest HTTP exceptions', () => {
    it('should answer NotFoundException with not_found 404', () => {
      const response = toErrorResponse(new NotFoundException('Cannot POST /nope'), REQUEST_ID);

      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'not_found', message: 'No such endpoint.', requestId: REQUEST_ID });
    });

    it('should answer MethodNotAllowedException with not_found 404', () => {
      expect(toErrorResponse(new MethodNotAllowedException()).body.error).toBe(ErrorCode.NotFound);
    });

    it('should answer PayloadTooLargeException with payload_too_large 413', () => {
      const response = toErrorResponse(new PayloadTooLargeException());

      expect(response.status).toBe(413);
      expect(response.body.error).toBe(ErrorCode.PayloadTooLarge);
    });

    it('should answer UnsupportedMediaTypeException with invalid_request 400', () => {
      const response = toErrorResponse(new UnsupportedMediaTypeException());

      expect(response.status).toBe(400);
      expect(response.body.error).toBe(ErrorCode.InvalidRequest);
    });

    it('should answer a BadRequestException with invalid_request 400', () => {
      const response = toErrorResponse(new BadRequestException());

      expect(response.status).toBe(400);
      expect(response.body.error).toBe(ErrorCode.InvalidRequest);
    });

    it('should not blame the JSON body for a 4xx that is not about the body', () => {
      const response = toErrorResponse(new ForbiddenException());

      expect(response.body.message).not.toMatch(/JSON/);
    });
  });

  describe('Fastify errors', () => {
    it('should answer an invalid JSON body with invalid_request 400', () => {
      const response = toErrorResponse({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'Body is not valid JSON' });

      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'invalid_request', message: 'The request body is not valid JSON.' });
    });

    it('should answer an empty JSON body with invalid_request 400', () => {
      const response = toErrorResponse({ statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' });

      expect(response.body).toEqual({ error: 'invalid_request', message: 'The request body is empty; send a JSON object.' });
    });

    it('should answer an unsupported media type with invalid_request 400', () => {
      const response = toErrorResponse({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });

      expect(response.status).toBe(400);
      expect(response.body.error).toBe(ErrorCode.InvalidRequest);
    });

    it('should answer a body over the limit with payload_too_large 413', () => {
      const response = toErrorResponse({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });

      expect(response.status).toBe(413);
      expect(response.body.error).toBe(ErrorCode.PayloadTooLarge);
    });

    it('should not echo the framework message of another 4xx', () => {
      const response = toErrorResponse({ statusCode: 400, code: 'FST_ERR_SOMETHING', message: 'internal detail /etc/app' });

      expect(response.body).toEqual({ error: 'invalid_request', message: 'The request is invalid.' });
    });

    it('should treat a framework 5xx as unexpected', () => {
      const response = toErrorResponse({ statusCode: 500, code: 'FST_ERR_SOMETHING', message: 'boom' });

      expect(response.status).toBe(500);
      expect(response.body.error).toBe(ErrorCode.InternalError);
      expect(response.unexpected).toBe(true);
    });
  });

  describe('unexpected errors', () => {
    it('should answer a plain Error with internal_error 500 and a generic message', () => {
      const response = toErrorResponse(new Error('db password is hunter2'), REQUEST_ID);

      expect(response.status).toBe(500);
      expect(response.unexpected).toBe(true);
      expect(response.body).toEqual({ error: 'internal_error', message: expect.any(String), requestId: REQUEST_ID });
      expect(response.body.message).not.toContain('hunter2');
      expect(JSON.stringify(response)).not.toContain('hunter2');
    });

    it.each([
      ['a string', 'hunter2'],
      ['null', null],
      ['undefined', undefined],
      ['a status that is not a number', { statusCode: '400', message: 'hunter2' }],
    ])('should answer %s with internal_error 500', (_case, thrown) => {
      const response = toErrorResponse(thrown);

      expect(response.status).toBe(500);
      expect(response.body.error).toBe(ErrorCode.InternalError);
      expect(JSON.stringify(response)).not.toContain('hunter2');
    });
  });
});
