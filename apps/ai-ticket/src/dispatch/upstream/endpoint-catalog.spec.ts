import { EndpointCatalog } from './endpoint-catalog';
import { chatCompletionsEndpoint } from './endpoints/chat-completions.endpoint';
import { ENDPOINT_ORDER } from './endpoints/endpoint-order';
import { nativeGenerateEndpoint } from './endpoints/native-generate.endpoint';
import { textCompletionsEndpoint } from './endpoints/text-completions.endpoint';

const FORGET_AFTER_MS = 60_000;

describe(EndpointCatalog.name, () => {
  let sut: EndpointCatalog;
  let now: number;

  beforeEach(() => {
    now = 5_000_000;
    sut = new EndpointCatalog(ENDPOINT_ORDER, FORGET_AFTER_MS, () => now);
  });

  describe('candidates', () => {
    it('should offer every endpoint in order at first', () => {
      expect(sut.candidates()).toEqual([chatCompletionsEndpoint, textCompletionsEndpoint, nativeGenerateEndpoint]);
    });
  });

  describe('markMissing', () => {
    it('should skip an endpoint marked missing', () => {
      sut.markMissing(chatCompletionsEndpoint);

      expect(sut.candidates()).toEqual([textCompletionsEndpoint, nativeGenerateEndpoint]);
    });

    it('should keep skipping it until just before it is forgotten', () => {
      sut.markMissing(chatCompletionsEndpoint);
      now += FORGET_AFTER_MS - 1;

      expect(sut.candidates()).not.toContain(chatCompletionsEndpoint);
    });

    it('should offer it again once forgotten', () => {
      sut.markMissing(chatCompletionsEndpoint);
      now += FORGET_AFTER_MS;

      expect(sut.candidates()).toEqual(ENDPOINT_ORDER);
    });

    it('should restart the forgetting period when marked again', () => {
      sut.markMissing(textCompletionsEndpoint);
      now += FORGET_AFTER_MS / 2;
      sut.markMissing(textCompletionsEndpoint);
      now += FORGET_AFTER_MS / 2;

      expect(sut.candidates()).toEqual([chatCompletionsEndpoint, nativeGenerateEndpoint]);
    });

    it('should offer every endpoint again when all are marked missing', () => {
      ENDPOINT_ORDER.forEach((endpoint) => sut.markMissing(endpoint));

      expect(sut.candidates()).toEqual(ENDPOINT_ORDER);
    });

    it('should use the default forgetting period of one minute', () => {
      sut = new EndpointCatalog(ENDPOINT_ORDER, undefined, () => now);
      sut.markMissing(nativeGenerateEndpoint);

      now += 59_999;
      expect(sut.candidates()).not.toContain(nativeGenerateEndpoint);
      now += 1;
      expect(sut.candidates()).toContain(nativeGenerateEndpoint);
    });
  });
});
