export { FakeDnsServer, MAX_LOGGED_QUERIES } from './fake-dns.server';
export type { DnsFailure, DnsRecords, FakeDnsOptions, LoggedDnsQuery } from './fake-dns.types';
