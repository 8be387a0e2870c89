import { createServer, type Server } from 'node:net';
import { tcpAnswers, warnWhenNoUpstreamAnswers } from './upstream-first-contact.util';

function listen(): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

/** A port nothing listens on: one just freed. */
async function closedUrl(): Promise<string> {
  const { server, url } = await listen();
  await new Promise((resolve) => server.close(resolve));
  return url;
}

describe('upstream first contact', () => {
  let server: Server;
  let openUrl: string;

  beforeAll(async () => {
    ({ server, url: openUrl } = await listen());
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  describe(tcpAnswers.name, () => {
    it('should be true when the port accepts a connection', async () => {
      await expect(tcpAnswers(openUrl, 1000)).resolves.toBe(true);
    });

    it('should be false when nothing listens, and for a URL it cannot parse', async () => {
      await expect(tcpAnswers(await closedUrl(), 1000)).resolves.toBe(false);
      await expect(tcpAnswers('not a url', 1000)).resolves.toBe(false);
    });
  });

  describe(warnWhenNoUpstreamAnswers.name, () => {
    it('should log one warn line naming KOBOLDCPP_API_URL and npm run demo when no upstream answers', async () => {
      const logger = { warn: jest.fn() };
      const url = await closedUrl();
      await warnWhenNoUpstreamAnswers([url], logger, 1000);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      const line = logger.warn.mock.calls[0][0] as { msg: string; upstreams: string[] };
      expect(line.msg).toContain(url);
      expect(line.msg).toContain('KOBOLDCPP_API_URL');
      expect(line.msg).toContain('npm run demo');
      expect(line.upstreams).toEqual([url]);
    });

    it('should stay silent when at least one upstream answers', async () => {
      const logger = { warn: jest.fn() };
      await warnWhenNoUpstreamAnswers([await closedUrl(), openUrl], logger, 1000);
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('should never throw, even when the logger does', async () => {
      const logger = {
        warn: () => {
          throw new Error('broken logger');
        },
      };
      await expect(warnWhenNoUpstreamAnswers([await closedUrl()], logger, 1000)).resolves.toBeUndefined();
    });
  });
});
