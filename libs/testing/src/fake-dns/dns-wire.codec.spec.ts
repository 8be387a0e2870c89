import { decodeQuery, DnsType, encodeResponse, normaliseName, Rcode } from './dns-wire.codec';

interface QueryOptions {
  id?: number;
  flags?: number;
  type?: number;
  qdcount?: number;
}

/** A query as a client writes it: header, then uncompressed labels, type and class. */
function query(name: string, { id = 0x1234, flags = 0x0100, type: qtype = DnsType.A, qdcount = 1 }: QueryOptions = {}): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(qdcount, 4);
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  const tail = Buffer.alloc(5);
  tail.writeUInt16BE(qtype, 1);
  tail.writeUInt16BE(1, 3);
  return Buffer.concat([header, ...labels, tail]);
}

describe(decodeQuery.name, () => {
  it('should read the id, the RD bit and the question, lower-casing the name', () => {
    const decoded = decodeQuery(query('Kobold.Fleet.TEST', { type: DnsType.AAAA }));
    expect(decoded).toMatchObject({ id: 0x1234, opcodeBits: 0, recursionDesired: true, question: { name: 'kobold.fleet.test', type: DnsType.AAAA, qclass: 1 } });
    expect(decoded?.questionBytes.toString('latin1')).toContain('Kobold');
  });

  it('should ignore what follows the question, such as an EDNS record', () => {
    const withExtra = Buffer.concat([query('a.test'), Buffer.from([0, 0, 41, 16, 0, 0, 0, 0, 0, 0, 0])]);
    expect(decodeQuery(withExtra)?.questionBytes).toHaveLength(query('a.test').length - 12);
  });

  it.each([
    ['a response', query('a.test', { flags: 0x8000 })],
    ['less than a header', Buffer.alloc(11)],
  ])('should give nothing to answer for %s', (_label, message) => {
    expect(decodeQuery(message)).toBeUndefined();
  });

  it.each([
    ['two questions', query('a.test', { qdcount: 2 })],
    ['a compressed question name', Buffer.concat([query('a.test').subarray(0, 12), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])])],
    ['a cut-off question', query('a.test').subarray(0, 18)],
  ])('should decode %s without a question (FORMERR)', (_label, message) => {
    expect(decodeQuery(message)).toMatchObject({ id: 0x1234, question: undefined });
  });
});

describe(encodeResponse.name, () => {
  const asked = decodeQuery(query('a.test'))!;

  it('should set QR and AA, echo the id, RD and question, and carry the rcode', () => {
    const response = encodeResponse(asked, { rcode: Rcode.NXDOMAIN, answers: [] });
    expect(response.readUInt16BE(0)).toBe(0x1234);
    expect(response.readUInt16BE(2)).toBe(0x8000 | 0x0400 | 0x0100 | 3);
    expect([response.readUInt16BE(4), response.readUInt16BE(6), response.readUInt16BE(8), response.readUInt16BE(10)]).toEqual([1, 0, 0, 0]);
    expect(response.subarray(12)).toEqual(asked.questionBytes);
  });

  it('should write answers whose name points at the question', () => {
    const response = encodeResponse(asked, { rcode: Rcode.NOERROR, answers: [{ type: DnsType.A, ttl: 30, data: Buffer.from([10, 0, 0, 1]) }] });
    const answer = response.subarray(12 + asked.questionBytes.length);
    expect(response.readUInt16BE(6)).toBe(1);
    expect([...answer]).toEqual([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 0, 0, 1]);
  });
});

describe(normaliseName.name, () => {
  it('should drop the trailing dot and lower-case ASCII letters only', () => {
    expect(normaliseName('Kobold.FLEET.test.')).toBe('kobold.fleet.test');
    expect(normaliseName('ÀB.test')).toBe('Àb.test');
  });
});
