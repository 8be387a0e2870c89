import { FakeDnsServer } from '@ai-ticket/testing';
import { DnsAddressResolver } from './dns-address.resolver';

describe(DnsAddressResolver.name, () => {
  let dns: FakeDnsServer;
  let sut: DnsAddressResolver;

  beforeAll(async () => {
    dns = await FakeDnsServer.start();
  });
  afterAll(() => dns.close());
  beforeEach(() => {
    dns.reset();
    sut = new DnsAddressResolver([dns.address], 300);
  });

  it('should answer every IPv4 and IPv6 address of a name, sorted', async () => {
    dns.setRecords('kobold.test', { a: ['10.0.0.9', '10.0.0.7'], aaaa: ['fd00::7'] });

    await expect(sut.resolve('kobold.test')).resolves.toEqual(['10.0.0.7', '10.0.0.9', 'fd00::7']);
  });

  it('should answer an IP literal itself, without asking DNS', async () => {
    await expect(sut.resolve('10.1.2.3')).resolves.toEqual(['10.1.2.3']);
    await expect(sut.resolve('[fd00::1]')).resolves.toEqual(['fd00::1']);
    expect(dns.queryCount).toBe(0);
  });

  it('should answer no addresses for a name that does not exist or has none (no ready backend)', async () => {
    dns.setRecords('empty.test', {});

    await expect(sut.resolve('missing.test')).resolves.toEqual([]);
    await expect(sut.resolve('empty.test')).resolves.toEqual([]);
  });

  it('should answer undefined (unknown) when the lookup fails without an answer', async () => {
    dns.setRecords('broken.test', { a: ['10.0.0.1'] }).fail('broken.test', 'servfail');

    await expect(sut.resolve('broken.test')).resolves.toBeUndefined();
  });
});
