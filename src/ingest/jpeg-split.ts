/**
 * Cuts ffmpeg's stream of JPEGs (`-f image2pipe -c:v mjpeg`: one image after the other, nothing
 * between them) into images. An image ends at its EOI marker (FF D9): in a baseline JPEG without an
 * embedded thumbnail, what ffmpeg writes, an FF byte inside the coded data is always followed by 00
 * or a restart marker, so the first FF D9 is the end. Bytes before a start marker (FF D8) are skipped
 * and counted: a stream that does not start with an image is damaged, not a reason to stop.
 */
const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);

export interface JpegSplitter {
  /** The images completed by this chunk, in order; each is a fresh buffer the caller may keep. */
  push(chunk: Buffer): Buffer[];
  /** Bytes skipped because they were not inside an image. */
  skipped(): number;
  /** Bytes of an image begun but not finished yet. */
  pending(): number;
}

export function createJpegSplitter(): JpegSplitter {
  let parts: Buffer[] = [];
  let pendingBytes = 0;
  let skipped = 0;
  // A marker (FF D8, FF D9) may straddle two chunks: a chunk's last FF waits for the next chunk.
  let carry: Buffer | undefined;
  return {
    push(input) {
      const images: Buffer[] = [];
      const joined = carry ? Buffer.concat([carry, input]) : input;
      const held = joined[joined.length - 1] === 0xff ? 1 : 0;
      carry = held ? Buffer.from(joined.subarray(joined.length - 1)) : undefined;
      const chunk = joined.subarray(0, joined.length - held);
      let offset = 0;
      while (offset < chunk.length) {
        if (pendingBytes === 0) {
          const start = chunk.indexOf(SOI, offset);
          if (start < 0) {
            skipped += chunk.length - offset;
            break;
          }
          skipped += start - offset;
          offset = start;
        }
        const at = chunk.indexOf(EOI, pendingBytes === 0 ? offset + 2 : offset);
        if (at < 0) {
          const rest = chunk.subarray(offset);
          parts.push(rest);
          pendingBytes += rest.length;
          break;
        }
        const last = chunk.subarray(offset, at + 2);
        images.push(parts.length === 0 ? Buffer.from(last) : Buffer.concat([...parts, last], pendingBytes + last.length));
        parts = [];
        pendingBytes = 0;
        offset = at + 2;
      }
      return images;
    },
    skipped: () => skipped,
    pending: () => pendingBytes,
  };
}
