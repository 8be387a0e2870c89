import { Agent } from 'node:http';
import { percentile } from './stats';
import { streamOnce } from './stream-request';
import { STREAM_PROMPT, expectedTokens, type Target } from './targets';

const WARMUP_REQUESTS = 20;

export interface StreamingResult {
  readonly target: string;
  readonly requests: number;
  readonly firstTokenP50Ms: number;
  readonly firstTokenP99Ms: number;
  /** Tokens the fake sent per stream, and text chunks that arrived per stream (any mismatch fails the bench). */
  readonly tokensSent: number;
  readonly chunksReceived: number;
}

/**
 * Time to first token over `count` sequential streams on one keep-alive connection (as a chat
 * client would hold), after a short warm-up. Every stream must deliver exactly the fake's tokens.
 */
export async function measureStreaming(target: Target, count: number): Promise<StreamingResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = target.body(STREAM_PROMPT, true);
  const tokens = expectedTokens(STREAM_PROMPT);
  try {
    for (let i = 0; i < WARMUP_REQUESTS; i += 1) await streamOnce(target, agent, body);
    const firstEvents: number[] = [];
    let chunks = 0;
    for (let i = 0; i < count; i += 1) {
      const { firstEventMs, deltas } = await streamOnce(target, agent, body);
      if (deltas.length !== tokens.length || deltas.join('') !== tokens.join('')) {
        throw new Error(`${target.name}: stream ${i} carried ${deltas.length} chunks ${JSON.stringify(deltas.join(''))}, expected ${tokens.length} tokens`);
      }
      firstEvents.push(firstEventMs);
      chunks += deltas.length;
    }
    return {
      target: target.name,
      requests: count,
      firstTokenP50Ms: percentile(firstEvents, 50),
      firstTokenP99Ms: percentile(firstEvents, 99),
      tokensSent: tokens.length,
      chunksReceived: chunks / count,
    };
  } finally {
    agent.destroy();
  }
}
