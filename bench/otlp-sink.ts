#!/usr/bin/env node
// The collector of the tracing variant: an OTLP/HTTP endpoint that reads each export and answers 200,
// in its own process so its CPU is neither the service's nor the load generator's. GET /stats tells
// how many exports and bytes arrived, which proves the traced variant really exports.
// Usage: node otlp-sink.js --port <n>   (prints "otlp-sink listening on <url>")
import { createServer } from 'node:http';

const HOST = '127.0.0.1';
const portIndex = process.argv.indexOf('--port');
const port = portIndex >= 0 ? Number(process.argv[portIndex + 1]) : 0;
const stats = { exports: 0, bytes: 0 };

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  request.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
  request.on('end', () => {
    stats.exports += 1;
    response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});

server.listen(port, HOST, () => {
  const address = server.address();
  process.stdout.write(`otlp-sink listening on http://${HOST}:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
