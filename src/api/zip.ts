/**
 * A minimal ZIP writer (pure): stored entries (no compression: JPEG and H.264 do not shrink),
 * CRC-32, local headers, central directory, end record. No ZIP64: the whole archive stays under
 * 4 GiB (evidence is a few MB). Readable by unzip, the OS file managers and Python's zipfile.
 */

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, ASCII. */
  readonly name: string;
  readonly data: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS time and date fields of a moment (UTC: the archive carries no zone). */
export function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)));
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

function header(size: number, fill: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

/** The archive's bytes. Throws on a name that is not plain ASCII or an archive over 4 GiB. */
export function zipStored(entries: readonly ZipEntry[], modifiedMs: number): Uint8Array {
  const { time, date } = dosDateTime(modifiedMs);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    if (!/^[\x20-\x7e]+$/.test(e.name) || e.name.startsWith('/') || e.name.split('/').includes('..')) throw new Error(`bad zip entry name "${e.name}"`);
    const name = new TextEncoder().encode(e.name);
    const crc = crc32(e.data);
    const common = (v: DataView, at: number): void => {
      v.setUint16(at, 20, true); // version needed: 2.0
      v.setUint16(at + 2, 0, true); // flags
      v.setUint16(at + 4, 0, true); // method: stored
      v.setUint16(at + 6, time, true);
      v.setUint16(at + 8, date, true);
      v.setUint32(at + 10, crc, true);
      v.setUint32(at + 14, e.data.length, true);
      v.setUint32(at + 18, e.data.length, true);
      v.setUint16(at + 22, name.length, true);
    };
    parts.push(header(30, (v) => (v.setUint32(0, 0x04034b50, true), common(v, 4))), name, e.data);
    central.push(header(46, (v) => (v.setUint32(0, 0x02014b50, true), v.setUint16(4, 20, true), common(v, 6), v.setUint32(42, offset, true))), name);
    offset += 30 + name.length + e.data.length;
    if (offset > 0xffffffff) throw new Error('zip archive over 4 GiB');
  }
  const centralSize = central.reduce((s, p) => s + p.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, centralSize, true);
    v.setUint32(16, offset, true);
  });
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Entries of an archive made by zipStored (stored entries only), for tests and checks. */
export function readStoredZip(zip: Uint8Array): ZipEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 4 <= zip.length && v.getUint32(at, true) === 0x04034b50) {
    if (v.getUint16(at + 8, true) !== 0) throw new Error('compressed zip entry');
    const size = v.getUint32(at + 18, true);
    const nameLen = v.getUint16(at + 26, true);
    const extraLen = v.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLen));
    const start = at + 30 + nameLen + extraLen;
    const data = zip.subarray(start, start + size);
    if (crc32(data) !== v.getUint32(at + 14, true)) throw new Error(`bad CRC for "${name}"`);
    entries.push({ name, data });
    at = start + size;
  }
  return entries;
}
