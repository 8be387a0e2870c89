import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerBusy, runBehaviour } from './behaviour.runner';
import { BehaviourScript } from './behaviour.script';
import { Exchange, type ExchangeHooks } from './exchange.context';
import { FALLBACK_FORMAT, ROUTES, TOKENCOUNT_PATH } from './fake-upstream.routes';
import type { Behaviour, FakeUpstreamOptions, FinishedGeneration, RecordedRequest } from './fake-upstream.types';
import { GenerationTracker, type GenerationStats } from './generation.tracker';
import { RequestRecorder } from './request.recorder';
import { parseBody, readBody } from './request-body.reader';
import type { ServerStats } from './wire-format.types';

const OK: Behaviour = { kind: 'ok' };
const NOT_FOUND = { detail: 'Not Found' };
const METHOD_NOT_ALLOWED = { detail: 'Method Not Allowed' };
const DEFAULT_WAIT_MS = 5_000;

/**
 * An in-process stand-in for KoboldCPP that speaks its real wire formats and can be
 * scripted per path to fail in the ways a real upstream does. See ./README.md.
 */
export class FakeUpstream implements GenerationStats {
  /** Every request received, oldest first; only the last MAX_RECORDED_REQUESTS are kept. */
  readonly requests: RecordedRequest[];
  private readonly recorder = new RequestRecorder();
  private readonly script = new BehaviourScript();
  private readonly sockets = new Set<Socket>();
  private readonly stats: ServerStats;
  private readonly tokenIntervalMs: number;
  private readonly generationDelayMs: number;
  private aborted = 0;
  private tokenCount: boolean;
  private readonly options: FakeUpstreamOptions;
  private readonly generationListeners: ((generation: FinishedGeneration) => void)[] = [];
  private closing: Promise<void> | undefined;
  private readonly hooks: ExchangeHooks = {
    clientAborted: () => {
      this.aborted += 1;
    },
    isClosing: () => this.closing !== undefined,
  };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly generations: GenerationTracker,
    options: FakeUpstreamOptions,
  ) {
    this.requests = this.recorder.requests;
    this.stats = { startedAt: Date.now(), totalGenerations: 0, generations: this.generations, reportsUsage: options.reportUsage ?? true };
    this.tokenCount = options.tokenCount ?? true;
    this.options = options;
    this.tokenIntervalMs = options.tokenIntervalMs ?? 0;
    this.generationDelayMs = options.generationDelayMs ?? 0;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res));
  }

  static async start(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
    // Both are checked before listening, so a bad option never leaves a server behind.
    const generations = new GenerationTracker(options.slots);
    const delayMs = options.generationDelayMs ?? 0;
    if (!(delayMs >= 0 && Number.isFinite(delayMs))) throw new RangeError(`FakeUpstream: generationDelayMs must be 0 or more, got ${delayMs}`);
    const host = options.host ?? '127.0.0.1';
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return new FakeUpstream(server, `http://${urlHost}:${port}`, generations, options);
  }

  /** Requests whose client closed the connection before the response finished. */
  get abortedRequests(): number {
    return this.aborted;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  get maxConcurrentGenerations(): number {
    return this.generations.maxConcurrentGenerations;
  }

  get busyRefusals(): number {
    return this.generations.busyRefusals;
  }

  get generationsInProgress(): number {
    return this.generations.generationsInProgress;
  }

  get servedGenerations(): number {
    return this.generations.servedGenerations;
  }

  /**
   * Calls `listener` as each generation gives its slot back, with when it held it: a timeline of the
   * slots for benchmarks (how long a freed slot stays idle before the next generation takes it).
   */
  onGenerationEnd(listener: (generation: FinishedGeneration) => void): this {
    this.generationListeners.push(listener);
    return this;
  }

  /** Switches `usage` in OpenAI answers on or off from now on (see `FakeUpstreamOptions.reportUsage`). */
  reportUsage(on: boolean): this {
    this.stats.reportsUsage = on;
    return this;
  }

  /** Switches `/api/extra/tokencount` on or off (404) from now on (see `FakeUpstreamOptions.tokenCount`). */
  offerTokenCount(on: boolean): this {
    this.tokenCount = on;
    return this;
  }

  /** The next requests to `path` take these behaviours in order, then fall back to the default. */
  enqueue(path: string, ...behaviours: Behaviour[]): this {
    this.script.enqueue(path, behaviours);
    return this;
  }

  /** A behaviour for every request to `path` that has nothing queued, until reset(). */
  setDefault(path: string, behaviour: Behaviour): this {
    this.script.setDefault(path, behaviour);
    return this;
  }

  /**
   * Clears queues, defaults, recorded requests and counters, and puts the switches back as started (in-flight
   * responses carry on and keep their slots).
   */
  reset(): void {
    this.stats.reportsUsage = this.options.reportUsage ?? true;
    this.tokenCount = this.options.tokenCount ?? true;
    this.script.reset();
    this.recorder.reset();
    this.generations.reset();
    this.aborted = 0;
    this.stats.totalGenerations = 0;
  }

  /** Resolves once at least `n` requests were received since start or the last reset(). */
  waitForRequests(n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return this.recorder.waitFor(n, timeoutMs);
  }

  /**
   * Stops listening and resets every open connection, so hanging requests never keep a test alive
   * and a client with a request in flight sees ECONNRESET, as when an upstream vanishes mid-run.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.recorder.rejectWaiters(new Error('FakeUpstream closed'));
      this.server.close(() => resolve());
      // RST rather than FIN: a polite close would read as "the server ended the response".
      for (const socket of this.sockets) if (!socket.destroyed) socket.resetAndDestroy();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const receivedAt = Date.now();
    const exchange = new Exchange(req, res, this.hooks);
    readBody(req, (raw) => this.dispatch(exchange, raw, receivedAt));
  }

  private dispatch(exchange: Exchange, raw: string, receivedAt: number): void {
    const { req } = exchange;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const parsed = parseBody(raw);
    const method = req.method ?? 'GET';
    this.recorder.record({ method, path, headers: req.headers, body: parsed.json ? parsed.value : parsed.raw, receivedAt });
    if (!exchange.open) return;

    const route = path === TOKENCOUNT_PATH && !this.tokenCount ? undefined : ROUTES.get(path);
    // A wrong method is refused before any scripted behaviour is consumed.
    if (route && route.method !== method) return exchange.json(405, METHOD_NOT_ALLOWED, { allow: route.method });
    const generates = route?.format.generates === true;
    // A refusal for want of a slot is the server's state, not the script's: it consumes nothing.
    if (generates && !this.takeSlot(exchange, path, parsed.json ? parsed.value : undefined)) return answerBusy(exchange);
    const scripted = this.script.next(path) ?? (route ? OK : undefined);
    if (!scripted) return exchange.json(404, NOT_FOUND);
    const behaviour: Behaviour =
      generates && this.generationDelayMs > 0 ? { kind: 'delay', ms: this.generationDelayMs, then: scripted } : scripted;

    runBehaviour(
      {
        exchange,
        format: route?.format ?? FALLBACK_FORMAT,
        body: parsed.json ? parsed.value : undefined,
        badJson: route?.method === 'POST' && !parsed.json,
        stats: this.stats,
        tokenIntervalMs: this.tokenIntervalMs,
      },
      behaviour,
    );
  }

  /** A generation holds its slot until its exchange is over, whichever way that happens. */
  private takeSlot(exchange: Exchange, path: string, body: unknown): boolean {
    if (!this.generations.tryAcquire()) return false;
    const startedAt = performance.now();
    exchange.onRelease(() => {
      this.generations.release(exchange.answeredOk);
      if (this.generationListeners.length > 0) this.announceEnd(path, body, startedAt, exchange.answeredOk);
    });
    return true;
  }

  private announceEnd(path: string, body: unknown, startedAt: number, answeredOk: boolean): void {
    const endedAt = performance.now();
    const prompt = (ROUTES.get(path)?.format ?? FALLBACK_FORMAT).promptOf(body);
    for (const listener of this.generationListeners) listener({ path, prompt, startedAt, endedAt, answeredOk });
  }
}
