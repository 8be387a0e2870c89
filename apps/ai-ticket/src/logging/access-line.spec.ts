import { Writable } from 'node:stream';
import pino from 'pino';
import { writeAccessLine, type AccessEntry } from './access-line';

/** A logger as LoggingModule makes it (pino with a level), writing into `lines`. */
function capturingLogger(level: string): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

const entry: AccessEntry = {
  requestId: 'b5f0c7a2-6a57-4bd5-9a3b-1f2e4c3d2a10',
  method: 'POST',
  url: '/event',
  statusCode: 200,
  responseTime: 3,
  client: 'pipeline-a',
  traceId: undefined,
  aborted: false,
};

/** What `logger[level](fields, message)` writes for the same entry: pino drops undefined fields and a false `aborted` is left out. */
function pinoLine(logger: pino.Logger, level: 'info' | 'warn' | 'error', fields: AccessEntry, message: string): void {
  logger[level]({ ...fields, aborted: fields.aborted || undefined }, message);
}

const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

describe('writeAccessLine', () => {
  it('should write the line pino itself writes, byte for byte', () => {
    const { logger, lines } = capturingLogger('info');
    writeAccessLine(logger, 'info', entry, 'request completed');
    pinoLine(logger, 'info', entry, 'request completed');
    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[0])).toBe(withoutTime(lines[1]));
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, pid: process.pid, requestId: entry.requestId, statusCode: 200, client: 'pipeline-a', msg: 'request completed' });
  });

  it('should carry the optional fields when present and leave them out when absent', () => {
    const { logger, lines } = capturingLogger('info');
    const aborted: AccessEntry = { ...entry, statusCode: undefined, client: undefined, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', aborted: true };
    writeAccessLine(logger, 'warn', aborted, 'request aborted');
    pinoLine(logger, 'warn', aborted, 'request aborted');
    expect(withoutTime(lines[0])).toBe(withoutTime(lines[1]));
    const parsed = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: 40, traceId: aborted.traceId, aborted: true, msg: 'request aborted' });
    expect(parsed).not.toHaveProperty('statusCode');
    expect(parsed).not.toHaveProperty('client');
  });

  it('should escape what a caller puts in the URL so the line stays one valid JSON object', () => {
    const { logger, lines } = capturingLogger('info');
    const url = '/event?q="quoted"\\back\nnew line\u0001\u2028é😀';
    writeAccessLine(logger, 'info', { ...entry, url }, 'request completed');
    pinoLine(logger, 'info', { ...entry, url }, 'request completed');
    expect(lines[0].trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({ ...JSON.parse(lines[1]), time: expect.any(Number) });
    expect((JSON.parse(lines[0]) as { url: string }).url).toBe(url);
  });

  it('should honour the logger level', () => {
    const { logger, lines } = capturingLogger('warn');
    writeAccessLine(logger, 'info', entry, 'request completed');
    writeAccessLine(logger, 'error', { ...entry, statusCode: 500 }, 'request completed');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 50, statusCode: 500 });
  });
});
