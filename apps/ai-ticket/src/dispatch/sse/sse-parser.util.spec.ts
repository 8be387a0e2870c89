import { SseParser } from './sse-parser.util';

describe(SseParser.name, () => {
  let sut: SseParser;

  beforeEach(() => {
    sut = new SseParser();
  });

  describe('push', () => {
    it('should return the data of each complete event', () => {
      expect(sut.push('data: one\n\ndata: two\n\n')).toEqual(['one', 'two']);
    });

    it('should hold an incomplete event until its blank line arrives', () => {
      expect(sut.push('data: hel')).toEqual([]);
      expect(sut.push('lo\n')).toEqual([]);
      expect(sut.push('\ndata: next')).toEqual(['hello']);
    });

    it('should accept CRLF line ends, even when split between chunks', () => {
      expect(sut.push('data: a\r\n\r')).toEqual([]);
      expect(sut.push('\ndata: b\r\n\r\n')).toEqual(['a', 'b']);
    });

    it('should join multi-line data with newlines', () => {
      expect(sut.push('data: first\ndata: second\ndata:\n\n')).toEqual(['first\nsecond\n']);
    });

    it('should ignore comments and event, id and retry lines', () => {
      expect(sut.push(': keep-alive\nevent: message\nid: 7\nretry: 1000\ndata: {"token":"x"}\n\n')).toEqual(['{"token":"x"}']);
    });

    it('should not emit an event that has no data lines', () => {
      expect(sut.push('event: ping\n\n: comment\n\n')).toEqual([]);
    });

    it('should read data without a space after the colon, removing only one leading space', () => {
      expect(sut.push('data:tight\n\ndata:  two spaces\n\n')).toEqual(['tight', ' two spaces']);
    });
  });

  describe('end', () => {
    it('should flush a last event that has no blank line', () => {
      expect(sut.push('data: tok\n\ndata: [DONE]')).toEqual(['tok']);
      expect(sut.end()).toEqual(['[DONE]']);
    });

    it('should flush an event whose last line ended but had no blank line', () => {
      sut.push('data: [DONE]\r\n');

      expect(sut.end()).toEqual(['[DONE]']);
    });

    it('should return nothing when every event was complete', () => {
      sut.push('data: tok\n\n');

      expect(sut.end()).toEqual([]);
    });

    it('should return nothing on a second call', () => {
      sut.push('data: last');
      sut.end();

      expect(sut.end()).toEqual([]);
    });
  });
});
