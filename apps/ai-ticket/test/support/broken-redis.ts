import { createServer, type Server } from 'node:net';

/** A "Redis" that accepts connections and drops them at once: the store is reachable but failing. */
export class BrokenRedis {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BrokenRedis> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const broken = new BrokenRedis(server, `redis://127.0.0.1:${port}`);
    server.on('connection', (socket) => socket.destroy());
    return broken;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
