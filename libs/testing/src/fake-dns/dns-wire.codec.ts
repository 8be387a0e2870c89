// The DNS message format of RFC 1035 §4, only as far as a test server for A/AAAA lookups needs it.

export const HEADER_BYTES = 12;
/** An answer's name is a pointer to the question's name, which always starts right after the header. */
const POINTER_TO_QUESTION_NAME = 0xc000 | HEADER_BYTES;
/** RFC 1035's limit for a message over UDP without EDNS, which this server does not offer. */
export const MAX_UDP_BYTES = 512;

export const DnsType = { A: 1, AAAA: 28 } as const;
export const DNS_CLASS_IN = 1;
export const Rcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

const QR = 0x8000;
const AA = 0x0400;
const RD = 0x0100;
const OPCODE_MASK = 0x7800;

export interface DnsQuestion {
  /** Lower-cased (ASCII only, as DNS compares names) and without a trailing dot. */
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
}

export interface DecodedQuery {
  readonly id: number;
  /** The opcode still in place (bits 11–14), so it can be echoed as it came. */
  readonly opcodeBits: number;
  readonly recursionDesired: boolean;
  /** Undefined when the question section is not exactly one well-formed question (FORMERR). */
  readonly question: DnsQuestion | undefined;
  /** The question exactly as sent, echoed in the answer so the client's case and bytes match. */
  readonly questionBytes: Buffer;
}

export interface DnsAnswer {
  readonly type: number;
  readonly ttl: number;
  readonly data: Buffer;
}

export interface DnsResponse {
  readonly rcode: number;
  readonly answers: readonly DnsAnswer[];
}

/** Reads a query; undefined for what deserves no answer at all (too short for a header, or a response). */
export function decodeQuery(message: Buffer): DecodedQuery | undefined {
  if (message.length < HEADER_BYTES) return undefined;
  const flags = message.readUInt16BE(2);
  if (flags & QR) return undefined;
  const base = { id: message.readUInt16BE(0), opcodeBits: flags & OPCODE_MASK, recursionDesired: (flags & RD) !== 0 };
  const parsed = message.readUInt16BE(4) === 1 ? readQuestion(message) : undefined;
  if (!parsed) return { ...base, question: undefined, questionBytes: Buffer.alloc(0) };
  return { ...base, question: parsed.question, questionBytes: message.subarray(HEADER_BYTES, parsed.end) };
}

/** An authoritative answer echoing the query's id, opcode, RD bit and question. */
export function encodeResponse(query: DecodedQuery, response: DnsResponse): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(query.id, 0);
  header.writeUInt16BE(QR | query.opcodeBits | AA | (query.recursionDesired ? RD : 0) | response.rcode, 2);
  header.writeUInt16BE(query.question ? 1 : 0, 4);
  header.writeUInt16BE(response.answers.length, 6);
  return Buffer.concat([header, query.questionBytes, ...response.answers.map(encodeAnswer)]);
}

/** Bytes an answer record takes on the wire, with its name compressed to a pointer. */
export function answerBytes(dataBytes: number): number {
  return 12 + dataBytes;
}

function encodeAnswer(answer: DnsAnswer): Buffer {
  const fixed = Buffer.alloc(answerBytes(0));
  fixed.writeUInt16BE(POINTER_TO_QUESTION_NAME, 0);
  fixed.writeUInt16BE(answer.type, 2);
  fixed.writeUInt16BE(DNS_CLASS_IN, 4);
  fixed.writeUInt32BE(answer.ttl, 6);
  fixed.writeUInt16BE(answer.data.length, 10);
  return Buffer.concat([fixed, answer.data]);
}

/** One question of uncompressed labels (clients never compress the first name of a message). */
function readQuestion(message: Buffer): { question: DnsQuestion; end: number } | undefined {
  const labels: string[] = [];
  let offset = HEADER_BYTES;
  for (;;) {
    if (offset >= message.length) return undefined;
    const length = message[offset];
    offset += 1;
    if (length === 0) break;
    // 0b11 is a compression pointer and 0b01/0b10 are obsolete label types: all are malformed here.
    if (length > 63 || offset + length > message.length) return undefined;
    labels.push(message.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  const name = normaliseName(labels.join('.'));
  return { question: { name, type: message.readUInt16BE(offset), qclass: message.readUInt16BE(offset + 2) }, end: offset + 4 };
}

/** DNS names compare case-insensitively in ASCII only; a trailing dot (the root) changes nothing. */
export function normaliseName(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return bare.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
