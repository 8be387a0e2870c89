/** Events sent back to back by `concurrency` loops until stopped: a service that keeps writing. */
export class EventLoad {
  answered = 0;
  private readonly statuses = new Map<number, number>();
  private running = true;
  private readonly loops: Promise<void>[];

  private constructor(url: string, tokens: readonly string[], concurrency: number) {
    this.loops = Array.from({ length: concurrency }, (_, i) => this.loop(url, tokens[i % tokens.length]));
  }

  static start(url: string, tokens: readonly string[], concurrency = 4): EventLoad {
    return new EventLoad(url, tokens, concurrency);
  }

  /** Resolves once at least `n` answers came back. */
  async waitFor(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.answered < n) {
      if (Date.now() > deadline) throw new Error(`only ${this.answered} of ${n} answers within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops the loops; resolves with how many answers had each status. */
  async stop(): Promise<Record<number, number>> {
    this.running = false;
    await Promise.all(this.loops);
    return Object.fromEntries(this.statuses);
  }

  private async loop(url: string, token: string): Promise<void> {
    for (let i = 0; this.running; i += 1) {
      const status = await fetch(`${url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ content: `load ${i}` }),
      }).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      );
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      this.answered += 1;
    }
  }
}
