import type { GenerationStats } from './generation.tracker';

/** Counters that some answers report (KoboldCPP's /api/extra/perf), and the server's switches. */
export interface ServerStats {
  readonly startedAt: number;
  totalGenerations: number;
  readonly generations: GenerationStats;
  /** Whether OpenAI answers carry `usage` (some KoboldCPP builds omit it). */
  reportsUsage: boolean;
}

/** How one stream is framed on the wire. */
export interface SseFormat {
  /** The event carrying one token; `last` is true for the final token. */
  token(token: string, last: boolean): string;
  /** What ends a complete stream after `tokenCount` tokens ('' when the server just ends the response). */
  finish(tokenCount: number): string;
}

/** One upstream API dialect: how to read a request and how to phrase an answer. */
export interface WireFormat {
  /** Whether a normal answer counts as a generation in the perf counters. */
  readonly generates: boolean;
  /** The prompt the default completion echoes. */
  promptOf(body: unknown): string;
  /** Whether a normal answer to this request body is a stream. */
  streams(body: unknown): boolean;
  /** The JSON body of a normal, non-streamed answer. */
  answer(text: string, prompt: string, stats: ServerStats): unknown;
  /** A fresh framer per stream, so ids stay the same within one stream; `body` is the request's. */
  openStream(body?: unknown, stats?: ServerStats): SseFormat;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}
