import type { IncomingHttpHeaders } from 'node:http';

/** One request as the fake upstream saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. '/v1/chat/completions'. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw string when the body is not JSON ('' when there was no body). */
  body: unknown;
  /** Date.now() when the request headers arrived. */
  receivedAt: number;
}

/** How the fake upstream answers one request. */
export type Behaviour =
  /** Normal answer in the route's own format (streams when the request asks for it). */
  | { kind: 'ok'; text?: string }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** KoboldCPP's real "busy" 503. */
  | { kind: 'busy'; retryAfterSeconds?: number }
  /** 200 with content-type application/json and a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with valid JSON that lacks the expected fields. */
  | { kind: 'wrong-shape' }
  /** Destroy the socket without any response. */
  | { kind: 'drop' }
  /** Never answer, until the client leaves or the server closes. */
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number; then: Behaviour }
  /** Stream in the route's streaming format; `dropAfter` destroys the socket after that many tokens. */
  | { kind: 'stream'; tokens?: string[]; intervalMs?: number; firstTokenDelayMs?: number; dropAfter?: number };

/** One generation that is over, as `onGenerationEnd` listeners see it. */
export interface FinishedGeneration {
  readonly path: string;
  /** The prompt as the route's format reads it ('' when the body has none). */
  readonly prompt: string;
  /** `performance.now()` of the fake's process when the generation took its slot and when it gave it back. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Whether its whole 200 response went out (what `servedGenerations` counts). */
  readonly answeredOk: boolean;
}

export interface FakeUpstreamOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Pause between streamed tokens unless a behaviour says otherwise. Default 0. */
  tokenIntervalMs?: number;
  /**
   * Generations that may run at once (a whole number ≥ 1). A generation request beyond them is
   * answered at once with the `busy` 503, without consuming a scripted behaviour, like KoboldCPP
   * without --multiuser. Default: no limit.
   */
  slots?: number;
  /**
   * Waits this long before answering each generation request, scripted or not, keeping its slot
   * meanwhile; a stand-in for inference time when the fake runs as a process. Default 0.
   */
  generationDelayMs?: number;
  /** Whether OpenAI answers and usage chunks carry `usage`; false is like KoboldCPP builds that omit it. Default true. */
  reportUsage?: boolean;
  /** Whether `POST /api/extra/tokencount` exists; false answers it 404, like servers without it. Default true. */
  tokenCount?: boolean;
}
