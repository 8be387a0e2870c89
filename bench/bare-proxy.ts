#!/usr/bin/env node
// The bench's calibration target: the least a Node gateway can do for one event (node:http in, an
// undici keep-alive pool out, JSON parsed and serialised once each way). Nothing the service adds
// (auth, limits, queue, metrics, logs, history) runs here, so "service ÷ bare proxy" measured in the
// same run is the cost of our own per-request work, separated from Node and from this machine.
// Usage: node bare-proxy.js --upstream <url> --port <n>   (prints "bare-proxy listening on <url>")
import { createServer } from 'node:http';
import { Pool } from 'undici';

const HOST = '127.0.0.1';

function argument(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`bare-proxy: --${name} is required`);
  return value;
}

const upstream = new Pool(argument('upstream'), { connections: 128, keepAliveTimeout: 30_000 });
const headers = { 'content-type': 'application/json' };

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString()) as { content: string };
    const body = JSON.stringify({ messages: [{ role: 'user', content: event.content }], stream: false });
    upstream
      .request({ path: '/v1/chat/completions', method: 'POST', headers, body })
      .then(async ({ body: answer }) => {
        const chat = (await answer.json()) as { choices: { message: { content: string } }[] };
        const reply = JSON.stringify({ completion: chat.choices[0].message.content });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
        response.end(reply);
      })
      .catch(() => {
        response.writeHead(502).end();
      });
  });
});

server.listen(Number(argument('port')), HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`bare-proxy listening on http://${HOST}:${port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
