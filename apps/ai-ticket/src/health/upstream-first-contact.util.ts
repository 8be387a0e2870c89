import { connect } from 'node:net';

/** The part of a logger this check writes to (nestjs-pino's Logger and Nest's both fit). */
export interface WarnLogger {
  warn(message: unknown): void;
}

/** True when a TCP connection to the URL's host and port opens within `timeoutMs`. */
export function tcpAnswers(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const port = Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80);
    const socket = connect({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A newcomer's first `npm start` has no KoboldCPP running, and their first curl would end in a bare 502.
 * So, once after listen, if not one configured upstream accepts a TCP connection, say so in one warn line
 * naming the variable to set and the demo. Never throws: it is advice, not a readiness check.
 */
export async function warnWhenNoUpstreamAnswers(urls: string[], logger: WarnLogger, timeoutMs = 2000): Promise<void> {
  try {
    const answers = await Promise.all(urls.map((url) => tcpAnswers(url, timeoutMs)));
    if (answers.some(Boolean)) return;
    logger.warn({
      msg: `No upstream answers at ${urls.join(', ')}: POST /event will fail with 502 api_connection_error until one does. Set KOBOLDCPP_API_URL to your KoboldCPP/OpenAI-compatible server, or run \`npm run demo\` for the service with a demo upstream.`,
      upstreams: urls,
    });
  } catch {
    // Advice only: a failure here must never reach start-up.
  }
}
