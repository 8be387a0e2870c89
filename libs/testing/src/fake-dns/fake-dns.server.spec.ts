import { promises as dns } from 'node:dns';
import { FakeDnsServer } from './fake-dns.server';

const NAME = 'kobold.fleet.test';

describe(FakeDnsServer.name, () => {
  let sut: FakeDnsServer;
  let resolver: dns.Resolver;
  /** The error code a lookup fails with. */
  const codeOf = (lookup: Promise<unknown>): Promise<unknown> => lookup.then(
    () => 'resolved',
    (error: NodeJS.ErrnoException) => error.code,
  );

  beforeAll(async () => {
    sut = await FakeDnsServer.start();
  });
  beforeEach(() => {
    // One try and a short timeout: a query left unanswered fails fast instead of retrying for seconds.
    resolver = new dns.Resolver({ timeout: 200, tries: 1 });
    resolver.setServers([sut.address]);
  });
  afterEach(() => sut.reset());
  afterAll(() => sut.close());

  describe('start', () => {
    it('should listen on an ephemeral 127.0.0.1 port by default', () => {
      expect(sut.address).toBe(`127.0.0.1:${sut.port}`);
      expect(sut.port).toBeGreaterThan(0);
    });
  });

  describe('records', () => {
    it('should answer A records with their TTL', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1', '10.0.0.2'], ttl: 30 });
      expect(await resolver.resolve4(NAME, { ttl: true })).toEqual([
        { address: '10.0.0.1', ttl: 30 },
        { address: '10.0.0.2', ttl: 30 },
      ]);
    });

    it('should answer AAAA records, with the default TTL of 5 s when none is given', async () => {
      sut.setRecords(NAME, { aaaa: ['fd00::1', '::ffff:192.0.2.1'] });
      expect(await resolver.resolve6(NAME, { ttl: true })).toEqual([
        { address: 'fd00::1', ttl: 5 },
        { address: '::ffff:192.0.2.1', ttl: 5 },
      ]);
    });

    it('should match names case-insensitively, with or without the trailing dot', async () => {
      sut.setRecords('Kobold.FLEET.test.', { a: ['10.0.0.9'] });
      expect(await resolver.resolve4('KOBOLD.fleet.Test')).toEqual(['10.0.0.9']);
    });

    it('should let the next query see a change of records', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] });
      expect(await resolver.resolve4(NAME)).toEqual(['10.0.0.1']);
      sut.setRecords(NAME, { a: ['10.0.0.2', '10.0.0.3'] });
      expect(await resolver.resolve4(NAME)).toEqual(['10.0.0.2', '10.0.0.3']);
    });

    it('should answer NXDOMAIN (ENOTFOUND) for an unknown or removed name', async () => {
      expect(await codeOf(resolver.resolve4('nowhere.fleet.test'))).toBe('ENOTFOUND');
      sut.setRecords(NAME, { a: ['10.0.0.1'] }).remove(NAME);
      expect(await codeOf(resolver.resolve4(NAME))).toBe('ENOTFOUND');
    });

    it('should answer NODATA (ENODATA) for a type the name has no record of', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] });
      expect(await codeOf(resolver.resolve6(NAME))).toBe('ENODATA');
      sut.setRecords(NAME, { a: [] });
      expect(await codeOf(resolver.resolve4(NAME))).toBe('ENODATA');
    });
  });

  describe('fail', () => {
    it.each([
      ['servfail', 'ESERVFAIL'],
      ['refused', 'EREFUSED'],
      ['timeout', 'ETIMEOUT'],
    ] as const)('should make %s fail with %s until recovered, for that name only', async (failure, code) => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] }).setRecords('other.fleet.test', { a: ['10.0.0.2'] });
      sut.fail(NAME, failure);
      expect(await codeOf(resolver.resolve4(NAME))).toBe(code);
      expect(await resolver.resolve4('other.fleet.test')).toEqual(['10.0.0.2']);
      sut.recover(NAME);
      expect(await resolver.resolve4(NAME)).toEqual(['10.0.0.1']);
    });
  });

  describe('queries', () => {
    it('should log every query, answered or not, with its lower-cased name and type', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] }).fail('slow.fleet.test', 'timeout');
      await resolver.resolve4('Kobold.Fleet.Test');
      await codeOf(resolver.resolve6(NAME));
      await codeOf(resolver.resolve4('slow.fleet.test'));
      expect(sut.queries).toEqual([
        { name: NAME, type: 'A', receivedAt: expect.any(Number) },
        { name: NAME, type: 'AAAA', receivedAt: expect.any(Number) },
        { name: 'slow.fleet.test', type: 'A', receivedAt: expect.any(Number) },
      ]);
      expect(sut.queryCount).toBe(3);
    });

    it('should name other types by number and answer them NODATA', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] });
      expect(await codeOf(resolver.resolveSrv(NAME))).toBe('ENODATA');
      expect(sut.queries.map((q) => q.type)).toEqual(['TYPE33']);
    });

    it('should forget records and queries on reset', async () => {
      sut.setRecords(NAME, { a: ['10.0.0.1'] });
      await resolver.resolve4(NAME);
      sut.reset();
      expect([sut.queries, sut.queryCount]).toEqual([[], 0]);
      expect(await codeOf(resolver.resolve4(NAME))).toBe('ENOTFOUND');
    });
  });

  describe('close', () => {
    it('should stop answering and be safe to call twice', async () => {
      const other = await FakeDnsServer.start();
      other.setRecords(NAME, { a: ['10.0.0.1'] });
      resolver.setServers([other.address]);
      expect(await resolver.resolve4(NAME)).toEqual(['10.0.0.1']);
      await other.close();
      await expect(other.close()).resolves.toBeUndefined();
      expect(await codeOf(resolver.resolve4(NAME))).not.toBe('resolved');
    });
  });
});
