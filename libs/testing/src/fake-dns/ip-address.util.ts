import { isIPv4, isIPv6 } from 'node:net';

/** The 4 bytes of an A record's data; throws on anything but a dotted IPv4 address. */
export function ipv4Bytes(address: string): Buffer {
  if (!isIPv4(address)) throw new TypeError(`FakeDnsServer: "${address}" is not an IPv4 address`);
  return Buffer.from(address.split('.').map(Number));
}

/** The 16 bytes of an AAAA record's data, from any textual form (`::`, an IPv4 tail); no zone ids. */
export function ipv6Bytes(address: string): Buffer {
  if (!isIPv6(address) || address.includes('%')) throw new TypeError(`FakeDnsServer: "${address}" is not an IPv6 address`);
  const [head, tail] = address.split('::') as [string, string | undefined];
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  const bytes = Buffer.alloc(16);
  [...headGroups, ...(tail === undefined ? [] : zeros), ...tailGroups].forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}

/** Hex groups of one side of `::`; a dotted IPv4 tail is two groups. */
function groupsOf(part: string): number[] {
  if (part === '') return [];
  return part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a, b, c, d] = ipv4Bytes(group);
    return [(a << 8) | b, (c << 8) | d];
  });
}
