import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { DnsZone } from './dns.zone';
import { decodeQuery, DnsType, encodeResponse, Rcode, type DecodedQuery, type DnsResponse } from './dns-wire.codec';
import type { DnsFailure, DnsRecords, FakeDnsOptions, LoggedDnsQuery } from './fake-dns.types';

/** Only the most recent queries are kept, so a long polling test does not grow memory; `queryCount` counts all. */
export const MAX_LOGGED_QUERIES = 10_000;
const DEFAULT_TTL_SECONDS = 5;
const TYPE_NAMES: Readonly<Record<number, string>> = { [DnsType.A]: 'A', [DnsType.AAAA]: 'AAAA' };

/**
 * A tiny authoritative DNS server over UDP for tests of DNS-based discovery: point a
 * `dns.promises.Resolver` at `address` and change the records while the code under test runs.
 * Each query sees the records as they are at that moment. See ./README.md.
 */
export class FakeDnsServer {
  private readonly log: LoggedDnsQuery[] = [];
  private total = 0;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly zone: DnsZone,
    /** `host:port` (`[host]:port` for IPv6), the form `Resolver.setServers` takes. */
    readonly address: string,
    readonly port: number,
  ) {
    socket.on('message', (message, remote) => this.handle(message, remote));
    // A reply to a client that has gone is not a test failure; nothing else can fail once bound.
    socket.on('error', () => undefined);
  }

  static async start(options: FakeDnsOptions = {}): Promise<FakeDnsServer> {
    const zone = new DnsZone(options.defaultTtl ?? DEFAULT_TTL_SECONDS);
    const host = options.host ?? '127.0.0.1';
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 0, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const { port } = socket.address();
    return new FakeDnsServer(socket, zone, `${isIPv6(host) ? `[${host}]` : host}:${port}`, port);
  }

  /** The last MAX_LOGGED_QUERIES queries since start or reset(), oldest first. */
  get queries(): readonly LoggedDnsQuery[] {
    return this.log;
  }

  /** Every query received since start or reset(), kept in `queries` or not. */
  get queryCount(): number {
    return this.total;
  }

  /** Sets what `name` resolves to (case-insensitive), replacing what it had; the next query sees it. */
  setRecords(name: string, records: DnsRecords): this {
    this.zone.set(name, records);
    return this;
  }

  /** Forgets `name`: queries for it get NXDOMAIN (`ENOTFOUND`). */
  remove(name: string): this {
    this.zone.remove(name);
    return this;
  }

  /** Makes queries for `name` fail this way, whatever its records, until recover(name). */
  fail(name: string, failure: DnsFailure): this {
    this.zone.fail(name, failure);
    return this;
  }

  /** Ends a failure set by fail(); the name answers from its records again. */
  recover(name: string): this {
    this.zone.recover(name);
    return this;
  }

  /** Forgets every record, failure and logged query. */
  reset(): void {
    this.zone.clear();
    this.log.length = 0;
    this.total = 0;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => this.socket.close(() => resolve()));
    return this.closing;
  }

  private handle(message: Buffer, remote: RemoteInfo): void {
    const query = decodeQuery(message);
    if (!query || this.closing) return;
    const response = this.respond(query);
    if (response !== 'timeout') this.socket.send(encodeResponse(query, response), remote.port, remote.address);
  }

  private respond(query: DecodedQuery): DnsResponse | 'timeout' {
    const { question } = query;
    if (!question) return { rcode: Rcode.FORMERR, answers: [] };
    this.record({ name: question.name, type: TYPE_NAMES[question.type] ?? `TYPE${question.type}`, receivedAt: Date.now() });
    if (query.opcodeBits !== 0) return { rcode: Rcode.NOTIMP, answers: [] };
    return this.zone.answer(question);
  }

  private record(query: LoggedDnsQuery): void {
    this.log.push(query);
    if (this.log.length > MAX_LOGGED_QUERIES) this.log.shift();
    this.total += 1;
  }
}
