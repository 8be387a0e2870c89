import { DnsZone } from './dns.zone';
import { DnsType, Rcode } from './dns-wire.codec';

const question = (name: string, type: number = DnsType.A, qclass = 1) => ({ name, type, qclass });

describe(DnsZone.name, () => {
  let sut: DnsZone;

  beforeEach(() => {
    sut = new DnsZone(5);
  });

  describe('answer', () => {
    it('should answer the records of the asked type with their TTL, or the default one', () => {
      sut.set('Kobold.Test.', { a: ['10.0.0.1', '10.0.0.2'], aaaa: ['::1'], ttl: 30 });
      sut.set('other.test', { a: ['10.0.0.3'] });
      expect(sut.answer(question('kobold.test'))).toEqual({
        rcode: Rcode.NOERROR,
        answers: [
          { type: DnsType.A, ttl: 30, data: Buffer.from([10, 0, 0, 1]) },
          { type: DnsType.A, ttl: 30, data: Buffer.from([10, 0, 0, 2]) },
        ],
      });
      expect(sut.answer(question('kobold.test', DnsType.AAAA))).toMatchObject({ answers: [{ type: DnsType.AAAA, ttl: 30 }] });
      expect(sut.answer(question('other.test'))).toMatchObject({ answers: [{ ttl: 5 }] });
    });

    it('should answer NODATA for a type the name lacks and NXDOMAIN for an unknown name', () => {
      sut.set('kobold.test', { a: ['10.0.0.1'] });
      expect(sut.answer(question('kobold.test', DnsType.AAAA))).toEqual({ rcode: Rcode.NOERROR, answers: [] });
      expect(sut.answer(question('kobold.test', 33))).toEqual({ rcode: Rcode.NOERROR, answers: [] });
      expect(sut.answer(question('nowhere.test'))).toEqual({ rcode: Rcode.NXDOMAIN, answers: [] });
    });

    it('should let a failure win over the records until recovered', () => {
      sut.set('kobold.test', { a: ['10.0.0.1'] });
      sut.fail('KOBOLD.test', 'servfail');
      expect(sut.answer(question('kobold.test'))).toEqual({ rcode: Rcode.SERVFAIL, answers: [] });
      sut.fail('kobold.test', 'refused');
      expect(sut.answer(question('kobold.test'))).toEqual({ rcode: Rcode.REFUSED, answers: [] });
      sut.fail('kobold.test', 'timeout');
      expect(sut.answer(question('kobold.test'))).toBe('timeout');
      sut.recover('kobold.test');
      expect(sut.answer(question('kobold.test'))).toMatchObject({ rcode: Rcode.NOERROR, answers: [{ ttl: 5 }] });
    });

    it('should refuse a class other than IN', () => {
      sut.set('kobold.test', { a: ['10.0.0.1'] });
      expect(sut.answer(question('kobold.test', DnsType.A, 3))).toEqual({ rcode: Rcode.REFUSED, answers: [] });
    });
  });

  describe('set', () => {
    it.each([
      ['a bad address', 'kobold.test', { a: ['10.0.0'] }, TypeError],
      ['an IPv4 address as AAAA', 'kobold.test', { aaaa: ['10.0.0.1'] }, TypeError],
      ['a negative TTL', 'kobold.test', { ttl: -1 }, RangeError],
      ['an empty label', 'kobold..test', {}, TypeError],
      ['more records than fit in UDP', 'kobold.test', { aaaa: Array.from({ length: 20 }, (_, i) => `fd00::${i + 1}`) }, RangeError],
    ])('should reject %s', (_label, name, records, error) => {
      expect(() => sut.set(name, records)).toThrow(error);
    });
  });

  it('should reject an unknown failure', () => {
    expect(() => sut.fail('kobold.test', 'slow' as never)).toThrow(TypeError);
  });
});
