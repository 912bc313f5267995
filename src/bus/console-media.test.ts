import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { headers } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredAlert } from '../store/types.ts';
import { chunkHeaders, clipRelPath, createMediaIntake, type ChunkMsg } from './console-media.ts';
import { CLIP_HEADERS } from './protocol.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface FakeChunk extends ChunkMsg {
  readonly acked: () => boolean;
  readonly termed: () => string | undefined;
}

function chunk(clipId: string, index: number, count: number, alertIds: string[], data: Buffer, digest: string, over: Record<string, string> = {}): FakeChunk {
  const h = headers();
  const values: Record<string, string> = { [CLIP_HEADERS.clipId]: clipId, [CLIP_HEADERS.index]: String(index), [CLIP_HEADERS.count]: String(count), [CLIP_HEADERS.alertIds]: alertIds.join(','), [CLIP_HEADERS.cameraId]: 'cam1', [CLIP_HEADERS.sha256]: digest, ...over };
  for (const [k, v] of Object.entries(values)) if (v !== '') h.set(k, v);
  let acked = false;
  let termed: string | undefined;
  return { subject: `vigie.media.${alertIds[0]}`, data, headers: h, ack: () => void (acked = true), term: (why?: string) => void (termed = why ?? 'term'), acked: () => acked, termed: () => termed };
}

describe('chunkHeaders', () => {
  const ok = 'a'.repeat(64);
  it.each([
    [{}, undefined],
    [{ [CLIP_HEADERS.clipId]: '' }, 'Vigie-Clip-Id missing'],
    [{ [CLIP_HEADERS.index]: '3' }, 'is not a chunk of 3'],
    [{ [CLIP_HEADERS.count]: '0' }, 'is not a chunk count'],
    [{ [CLIP_HEADERS.count]: '100000' }, 'is not a chunk count'],
    [{ [CLIP_HEADERS.alertIds]: '' }, 'Vigie-Alert-Ids missing'],
    [{ [CLIP_HEADERS.sha256]: 'abc' }, 'is not a SHA-256'],
  ])('%j -> %s', (over, problem) => {
    const h = chunkHeaders(chunk('c1', 0, 3, ['A1'], Buffer.alloc(1), ok, over));
    if (problem === undefined) expect(h).toMatchObject({ clipId: 'c1', index: 0, count: 3, alertIds: ['A1'], sha256: ok });
    else expect(h).toContain(problem);
  });
});

describe('media intake', () => {
  let dir: string;
  let now: number;
  const alerts = new Map<string, StoredAlert>();
  const clipsRecorded: [readonly string[], string][] = [];
  const errors: string[] = [];
  const intake = () =>
    createMediaIntake({
      mediaDir: dir,
      store: { getAlert: (id) => alerts.get(id) },
      onClip: (ids, rel) => {
        clipsRecorded.push([ids, rel]);
        for (const id of ids) alerts.set(id, { ...alerts.get(id)!, clipPath: rel });
      },
      logger: { info: () => undefined, error: (m) => void errors.push(m) },
      maxAgeMs: 60_000,
      nowMs: () => now,
    });
  const stored = (id: string): StoredAlert => {
    const a: StoredAlert = { id, cameraId: 'cam 1', type: 'intrusion', tMs: 0, frameWallMs: 0, createdAtMs: Date.UTC(2026, 0, 2), score: 1, message: 'm', status: 'new' };
    alerts.set(id, a);
    return a;
  };
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  const parts = [bytes.subarray(0, 400), bytes.subarray(400, 800), bytes.subarray(800)];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-media-'));
    now = 1_000_000;
    alerts.clear();
    clipsRecorded.length = 0;
    errors.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a complete clip where the local recorder would, records it, then acks every chunk', async () => {
    const a = stored('A1');
    const m = intake();
    const chunks = [2, 0, 1].map((i) => chunk('c1', i, 3, ['A1', 'A2'], parts[i]!, sha(bytes)));
    await m.take(chunks[0]!);
    await m.take(chunks[1]!);
    expect(m.isPending('A1')).toBe(true);
    expect(chunks.some((c) => c.acked())).toBe(false);
    await m.take(chunks[2]!);
    expect(clipsRecorded).toEqual([[['A1'], 'cam_1/2026-01-02/A1.mp4']]);
    expect(clipRelPath(a)).toBe('cam_1/2026-01-02/A1.mp4');
    expect(readFileSync(path.join(dir, 'cam_1/2026-01-02/A1.mp4'))).toEqual(bytes);
    expect(chunks.every((c) => c.acked())).toBe(true);
    expect(m.isPending('A1')).toBe(false);
    const again = chunk('c1', 1, 3, ['A1'], parts[1]!, sha(bytes));
    await m.take(again);
    expect(again.acked()).toBe(true);
    expect(m.counts()).toEqual({ written: 1, duplicates: 1, dropped: 0 });
  });

  it('drops a clip whose bytes do not match its SHA-256 (chunks terminated, nothing recorded)', async () => {
    stored('A1');
    const m = intake();
    const chunks = [0, 1, 2].map((i) => chunk('c1', i, 3, ['A1'], parts[i]!, sha(Buffer.from('other'))));
    for (const c of chunks) await m.take(c);
    expect(clipsRecorded).toEqual([]);
    expect(chunks.every((c) => c.termed() !== undefined)).toBe(true);
    expect(errors.join('\n')).toContain('is not the announced');
  });

  it('keeps a complete clip until its alert is stored, and drops it when none is after maxAgeMs', async () => {
    const m = intake();
    for (const i of [0, 1, 2]) await m.take(chunk('c1', i, 3, ['A1'], parts[i]!, sha(bytes)));
    expect(clipsRecorded).toEqual([]);
    stored('A1');
    await m.sweep();
    expect(clipsRecorded).toHaveLength(1);

    const late = [0, 1, 2].map((i) => chunk('c2', i, 3, ['REFUSED'], parts[i]!, sha(bytes)));
    for (const c of late) await m.take(c);
    now += 61_000;
    await m.sweep();
    expect(late.every((c) => c.termed() !== undefined)).toBe(true);
    expect(errors.join('\n')).toContain('none of its alerts is stored');
  });

  it('drops an incomplete clip after maxAgeMs, logged', async () => {
    stored('A1');
    const m = intake();
    const first = chunk('c1', 0, 3, ['A1'], parts[0]!, sha(bytes));
    await m.take(first);
    await m.sweep();
    expect(first.termed()).toBeUndefined();
    now += 61_000;
    await m.sweep();
    expect(first.termed()).toBeDefined();
    expect(errors.join('\n')).toContain('incomplete after 61 s (1 of 3 chunks)');
    expect(m.isPending('A1')).toBe(false);
  });
});
