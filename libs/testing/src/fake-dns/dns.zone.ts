import { answerBytes, DNS_CLASS_IN, DnsType, HEADER_BYTES, MAX_UDP_BYTES, normaliseName, Rcode, type DnsQuestion, type DnsResponse } from './dns-wire.codec';
import type { DnsFailure, DnsRecords } from './fake-dns.types';
import { ipv4Bytes, ipv6Bytes } from './ip-address.util';

interface StoredRecords {
  readonly a: readonly Buffer[];
  readonly aaaa: readonly Buffer[];
  readonly ttl: number;
}

const FAILURE_RCODES = { servfail: Rcode.SERVFAIL, refused: Rcode.REFUSED } as const;
const MAX_TTL = 2 ** 31 - 1;

/**
 * The names the fake server knows and how it answers a question about one of them. A failure
 * set for a name wins over its records until recover(name), so a test can break a name and
 * heal it without re-stating its records.
 */
export class DnsZone {
  private readonly records = new Map<string, StoredRecords>();
  private readonly failures = new Map<string, DnsFailure>();

  constructor(private readonly defaultTtl: number) {
    assertTtl(defaultTtl);
  }

  set(name: string, records: DnsRecords): void {
    const key = validName(name);
    const ttl = records.ttl ?? this.defaultTtl;
    assertTtl(ttl);
    const stored = { a: (records.a ?? []).map(ipv4Bytes), aaaa: (records.aaaa ?? []).map(ipv6Bytes), ttl };
    assertFitsUdp(key, stored.a.length, 4);
    assertFitsUdp(key, stored.aaaa.length, 16);
    this.records.set(key, stored);
  }

  remove(name: string): void {
    this.records.delete(validName(name));
  }

  fail(name: string, failure: DnsFailure): void {
    if (failure !== 'servfail' && failure !== 'refused' && failure !== 'timeout') throw new TypeError(`FakeDnsServer: unknown failure "${String(failure)}"`);
    this.failures.set(validName(name), failure);
  }

  recover(name: string): void {
    this.failures.delete(validName(name));
  }

  clear(): void {
    this.records.clear();
    this.failures.clear();
  }

  /** The answer to one question, or 'timeout' when the server must stay silent. */
  answer(question: DnsQuestion): DnsResponse | 'timeout' {
    if (question.qclass !== DNS_CLASS_IN) return { rcode: Rcode.REFUSED, answers: [] };
    const failure = this.failures.get(question.name);
    if (failure === 'timeout') return 'timeout';
    if (failure) return { rcode: FAILURE_RCODES[failure], answers: [] };
    const stored = this.records.get(question.name);
    if (!stored) return { rcode: Rcode.NXDOMAIN, answers: [] };
    // A type the name has no record of is NODATA: NOERROR with no answers.
    const data = question.type === DnsType.A ? stored.a : question.type === DnsType.AAAA ? stored.aaaa : [];
    return { rcode: Rcode.NOERROR, answers: data.map((bytes) => ({ type: question.type, ttl: stored.ttl, data: bytes })) };
  }
}

function validName(name: string): string {
  const key = normaliseName(name);
  const labels = key.split('.');
  if (key.length > 253 || labels.some((label) => label.length === 0 || label.length > 63)) {
    throw new TypeError(`FakeDnsServer: "${name}" is not a valid domain name`);
  }
  return key;
}

function assertTtl(ttl: number): void {
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) throw new RangeError(`FakeDnsServer: a TTL must be a whole number of seconds from 0 to ${MAX_TTL}, got ${ttl}`);
}

// The server offers neither EDNS nor TCP, so every answer must fit one plain UDP message.
function assertFitsUdp(name: string, count: number, dataBytes: number): void {
  const questionBytes = name.length + 2 + 4;
  if (HEADER_BYTES + questionBytes + count * answerBytes(dataBytes) > MAX_UDP_BYTES) {
    throw new RangeError(`FakeDnsServer: ${count} records for "${name}" do not fit in one ${MAX_UDP_BYTES}-byte UDP answer`);
  }
}
