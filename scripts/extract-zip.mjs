// Extracts named entries from a zip file into a folder, flattening their paths (like `unzip -j`).
// The fallback of fetch-k8s-tools.sh for machines without Debian's `unzip`: stored and deflated
// entries only (all that zip tools write for plain files), CRC-checked.
// Usage: node scripts/extract-zip.mjs <archive.zip> <out-dir> <entry>...
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

const [archive, outDir, ...wanted] = process.argv.slice(2);
if (!archive || !outDir || wanted.length === 0) {
  console.error('usage: extract-zip.mjs <archive.zip> <out-dir> <entry>...');
  process.exit(64);
}

const zip = readFileSync(archive);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

// The end-of-central-directory record sits in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
let eocd = -1;
for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
  if (zip.readUInt32LE(i) === EOCD) {
    eocd = i;
    break;
  }
}
if (eocd < 0) throw new Error(`${archive}: not a zip file`);

const entries = zip.readUInt16LE(eocd + 10);
let offset = zip.readUInt32LE(eocd + 16);
const found = new Set();
for (let n = 0; n < entries; n++) {
  if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`${archive}: corrupt central directory`);
  const method = zip.readUInt16LE(offset + 10);
  const crc = zip.readUInt32LE(offset + 16);
  const compressedSize = zip.readUInt32LE(offset + 20);
  const nameLength = zip.readUInt16LE(offset + 28);
  const extraLength = zip.readUInt16LE(offset + 30);
  const commentLength = zip.readUInt16LE(offset + 32);
  const localOffset = zip.readUInt32LE(offset + 42);
  const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
  offset += 46 + nameLength + extraLength + commentLength;
  if (!wanted.includes(name)) continue;

  if (zip.readUInt32LE(localOffset) !== LOCAL) throw new Error(`${archive}: corrupt local header for ${name}`);
  const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const raw = zip.subarray(dataStart, dataStart + compressedSize);
  let data;
  if (method === 0) data = raw;
  else if (method === 8) data = inflateRawSync(raw);
  else throw new Error(`${archive}: ${name} uses unsupported compression method ${method}`);
  if (crc32(data) >>> 0 !== crc) throw new Error(`${archive}: CRC mismatch for ${name}`);
  writeFileSync(join(outDir, basename(name)), data, { mode: 0o755 });
  found.add(name);
}

const missing = wanted.filter((name) => !found.has(name));
if (missing.length > 0) throw new Error(`${archive}: missing ${missing.join(', ')}`);
