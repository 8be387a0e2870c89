import type { IncomingMessage } from 'node:http';

export type ParsedBody = { readonly json: true; readonly value: unknown } | { readonly json: false; readonly raw: string };

/** Collects the whole body as text; callback style keeps the hot path free of extra promises. */
export function readBody(req: IncomingMessage, done: (raw: string) => void): void {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    raw += chunk;
  });
  req.once('end', () => done(raw));
}

export function parseBody(raw: string): ParsedBody {
  if (raw === '') return { json: false, raw };
  try {
    return { json: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { json: false, raw };
  }
}
