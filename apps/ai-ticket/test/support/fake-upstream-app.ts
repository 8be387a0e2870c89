import { FakeUpstream } from '@ai-ticket/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestApp } from './test-app';

export interface FakeUpstreamApp {
  readonly upstream: FakeUpstream;
  /** Starts the app (in process) against the fake upstream; it is closed after the test. */
  start(env: Record<string, string>): Promise<NestFastifyApplication>;
}

/**
 * Per-file fixture for specs that start an app per test with different settings: one fake upstream for
 * the file (reset before each test) and whatever app the test starts, closed after it.
 */
export function useFakeUpstreamApp(baseEnv: Record<string, string> = {}): FakeUpstreamApp {
  let upstream: FakeUpstream | undefined;
  let sut: TestApp | undefined;
  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream?.close());
  beforeEach(() => upstream?.reset());
  afterEach(async () => {
    await sut?.close();
    sut = undefined;
  });
  const started = (): FakeUpstream => {
    if (!upstream) throw new Error('the fake upstream starts in beforeAll');
    return upstream;
  };
  return {
    get upstream() {
      return started();
    },
    async start(env) {
      sut = await startTestApp({ KOBOLDCPP_API_URL: started().url, ...baseEnv, ...env });
      return sut.app;
    },
  };
}
