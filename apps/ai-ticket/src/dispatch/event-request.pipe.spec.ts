import { AppException, ErrorCode } from '@ai-ticket/errors';
import { EventRequestPipe } from './event-request.pipe';

describe(EventRequestPipe.name, () => {
  let sut: EventRequestPipe;

  beforeEach(() => {
    sut = new EventRequestPipe();
  });

  /** Runs the pipe and returns what it threw, failing the test if it did not throw an AppException. */
  function rejectionOf(body: unknown): AppException {
    try {
      sut.transform(body);
    } catch (error) {
      expect(error).toBeInstanceOf(AppException);
      return error as AppException;
    }
    throw new Error('expected the pipe to throw');
  }

  describe('transform', () => {
    describe('body shape', () => {
      it('should reject a missing body as invalid_request', () => {
        expect(rejectionOf(undefined).code).toBe(ErrorCode.InvalidRequest);
      });

      it.each([
        ['an array', [{ content: 'hi' }]],
        ['a string', 'hi'],
        ['a number', 42],
        ['null', null],
        ['a boolean', true],
      ])('should reject %s as invalid_input_format', (_case, body) => {
        expect(rejectionOf(body).code).toBe(ErrorCode.InvalidInputFormat);
      });
    });

    describe('content', () => {
      it('should reject a body without content as missing_content_field', () => {
        expect(rejectionOf({ max_tokens: 10 }).code).toBe(ErrorCode.MissingContentField);
      });

      it('should report missing content before unknown fields', () => {
        expect(rejectionOf({ kobold_url: 'http://evil.test', promt: 'typo' }).code).toBe(ErrorCode.MissingContentField);
      });

      it('should reject content with no usable prompt as prompt_extraction_failed', () => {
        expect(rejectionOf({ content: '   ' }).code).toBe(ErrorCode.PromptExtractionFailed);
      });
    });

    describe('unknown fields', () => {
      it('should reject an unknown field and name it in details', () => {
        const error = rejectionOf({ content: 'hi', kobold_url: 'http://evil.test' });

        expect(error.code).toBe(ErrorCode.InvalidRequest);
        expect(error.details).toEqual({ kobold_url: expect.any(String) });
      });

      it('should name every unknown field', () => {
        const error = rejectionOf({ content: 'hi', max_token: 5, model: 'x' });

        expect(Object.keys(error.details ?? {}).sort()).toEqual(['max_token', 'model']);
      });

      it('should reject a url key inside a content object', () => {
        const error = rejectionOf({ content: { prompt: 'hi', kobold_url: 'http://evil.test' } });

        expect(error.code).toBe(ErrorCode.InvalidRequest);
        expect(error.details).toEqual({ 'content.kobold_url': expect.any(String) });
      });

      it('should reject a url key inside an object of a content list', () => {
        const error = rejectionOf({ content: ['hi', { prompt: 'there', api_url: 'http://evil.test' }] });

        expect(error.code).toBe(ErrorCode.InvalidRequest);
        expect(error.details).toEqual({ 'content.api_url': expect.any(String) });
      });
    });

    describe('generation parameters', () => {
      it.each([
        ['max_tokens', 0],
        ['max_tokens', 40000],
        ['max_tokens', 1.5],
        ['max_tokens', '10'],
        ['temperature', -1],
        ['temperature', 3],
        ['temperature', '0.5'],
        ['top_p', 1.5],
        ['top_p', -0.1],
        ['stream', 'yes'],
        ['stream', 1],
      ])('should reject %s = %p as invalid_request with details keyed by the field', (field, value) => {
        const error = rejectionOf({ content: 'hi', [field]: value });

        expect(error.code).toBe(ErrorCode.InvalidRequest);
        expect(Object.keys(error.details ?? {})).toEqual([field]);
        expect(error.details?.[field]).toEqual(expect.any(String));
      });

      it('should report every invalid parameter at once', () => {
        const error = rejectionOf({ content: 'hi', max_tokens: 0, temperature: 9 });

        expect(Object.keys(error.details ?? {}).sort()).toEqual(['max_tokens', 'temperature']);
      });

      it.each([
        ['max_tokens', 1],
        ['max_tokens', 32768],
        ['temperature', 0],
        ['temperature', 2],
        ['top_p', 0],
        ['top_p', 1],
      ])('should accept the boundary %s = %p', (field, value) => {
        expect(() => sut.transform({ content: 'hi', [field]: value })).not.toThrow();
      });
    });

    describe('success', () => {
      it('should map a full event to a generation request', () => {
        const result = sut.transform({ content: { prompt: 'hello' }, max_tokens: 64, temperature: 0.7, top_p: 0.9, stream: true });

        expect(result).toEqual({
          generation: { prompt: 'hello', maxTokens: 64, temperature: 0.7, topP: 0.9 },
          stream: true,
        });
      });

      it('should leave unset parameters undefined and default stream to false', () => {
        const result = sut.transform({ content: '  just text ' });

        expect(result.generation).toEqual({ prompt: 'just text' });
        expect(result.generation.maxTokens).toBeUndefined();
        expect(result.stream).toBe(false);
      });

      it('should treat null parameters as unset', () => {
        const result = sut.transform({ content: 'hi', max_tokens: null, temperature: null, top_p: null, stream: null });

        expect(result).toEqual({ generation: { prompt: 'hi' }, stream: false });
        expect(Object.values(result.generation)).not.toContain(null);
      });
    });
  });
});
