import { ipv4Bytes, ipv6Bytes } from './ip-address.util';

const hex = (bytes: Buffer): string => bytes.toString('hex');

describe(ipv4Bytes.name, () => {
  it('should give the four octets', () => {
    expect([...ipv4Bytes('10.0.0.254')]).toEqual([10, 0, 0, 254]);
  });

  it.each(['10.0.0', '256.0.0.1', '::1', 'host'])('should reject %j', (address) => {
    expect(() => ipv4Bytes(address)).toThrow(TypeError);
  });
});

describe(ipv6Bytes.name, () => {
  it.each([
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['fd00::2', 'fd000000000000000000000000000002'],
    ['2001:db8:0:0:1::', '20010db8000000000001000000000000'],
    ['2001:DB8:1:2:3:4:5:6', '20010db8000100020003000400050006'],
    ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201'],
  ])('should expand %s', (address, expected) => {
    expect(hex(ipv6Bytes(address))).toBe(expected);
  });

  it.each(['10.0.0.1', 'fe80::1%eth0', '1::2::3', 'g::1'])('should reject %j', (address) => {
    expect(() => ipv6Bytes(address)).toThrow(TypeError);
  });
});
