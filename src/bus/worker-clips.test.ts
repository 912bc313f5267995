import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { clipMessages } from './worker-clips.ts';
import { CLIP_CHUNK_BYTES, CLIP_HEADERS } from './protocol.ts';

describe('clip chunks', () => {
  it.each([
    [1, 1],
    [CLIP_CHUNK_BYTES, 1],
    [CLIP_CHUNK_BYTES + 1, 2],
    [2 * CLIP_CHUNK_BYTES + 100, 3],
  ])('%i bytes -> %i chunk(s), reassembled to the same bytes', (size, count) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 251;
    const msgs = clipMessages(bytes, ['A1', 'A2'], 'cam1');
    expect(msgs).toHaveLength(count);
    const sha = createHash('sha256').update(bytes).digest('hex');
    msgs.forEach((m, i) => {
      expect(m.subject).toBe('vigie.media.A1');
      expect(m.data.length).toBeLessThanOrEqual(CLIP_CHUNK_BYTES);
      expect(m.headers).toEqual({
        [CLIP_HEADERS.clipId]: `A1-${sha.slice(0, 16)}`,
        [CLIP_HEADERS.index]: String(i),
        [CLIP_HEADERS.count]: String(count),
        [CLIP_HEADERS.alertIds]: 'A1,A2',
        [CLIP_HEADERS.cameraId]: 'cam1',
        [CLIP_HEADERS.sha256]: sha,
      });
      expect(m.msgID).toBe(`A1-${sha.slice(0, 16)}.${i}`);
    });
    expect(Buffer.concat(msgs.map((m) => m.data)).equals(bytes)).toBe(true);
  });
});
