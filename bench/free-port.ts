import { createServer, type AddressInfo } from 'node:net';

/**
 * A port that is free right now. The service only logs the port it was configured with, so it
 * cannot be given port 0 and asked afterwards the way the fake upstream can.
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
