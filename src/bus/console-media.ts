/**
 * The workers' evidence clips (VIGIE_MEDIA) taken into the console. The chunks of one clip are
 * gathered in memory, unacknowledged, until chunks 0..count-1 are in (bounded: a clip still
 * incomplete after maxAgeMs is dropped, logged, its chunks terminated); the whole is checked against
 * its SHA-256, written where the local clip recorder would have put it (next to the snapshot of the
 * first of its alerts the console stored) and recorded on its stored alerts; then every chunk is
 * acknowledged. A clip none of whose alerts is stored waits (its alert may still be on its way)
 * until maxAgeMs, then is dropped: the alert was refused or lost, so is its clip.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsMsg } from '@nats-io/jetstream';
import { errorMessage } from '../core/errors.ts';
import { snapshotRelPath } from '../alerts/sink.ts';
import { resolveMediaPath } from '../store/media.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../server/log.ts';
import { CLIP_HEADERS } from './protocol.ts';

/** What the intake needs of a delivered message. */
export type ChunkMsg = Pick<JsMsg, 'subject' | 'data' | 'headers' | 'ack' | 'term'>;

export interface ChunkHeaders {
  readonly clipId: string;
  readonly index: number;
  readonly count: number;
  readonly alertIds: readonly string[];
  readonly cameraId: string;
  readonly sha256: string;
}

/** The clip headers of a chunk, or why they are unusable. */
export function chunkHeaders(m: Pick<JsMsg, 'headers'>): ChunkHeaders | string {
  const h = m.headers;
  if (!h) return 'no headers';
  const get = (k: string): string => (h.has(k) ? h.values(k).join(',').trim() : '');
  const clipId = get(CLIP_HEADERS.clipId);
  const index = Number(get(CLIP_HEADERS.index));
  const count = Number(get(CLIP_HEADERS.count));
  const alertIds = get(CLIP_HEADERS.alertIds).split(/[\s,]+/).filter((s) => s.length > 0);
  const cameraId = get(CLIP_HEADERS.cameraId);
  const sha256 = get(CLIP_HEADERS.sha256).toLowerCase();
  if (!clipId) return `${CLIP_HEADERS.clipId} missing`;
  if (!Number.isInteger(count) || count < 1 || count > 256) return `${CLIP_HEADERS.count} "${get(CLIP_HEADERS.count)}" is not a chunk count`;
  if (!Number.isInteger(index) || index < 0 || index >= count) return `${CLIP_HEADERS.index} "${get(CLIP_HEADERS.index)}" is not a chunk of ${count}`;
  if (alertIds.length === 0) return `${CLIP_HEADERS.alertIds} missing`;
  if (!/^[0-9a-f]{64}$/.test(sha256)) return `${CLIP_HEADERS.sha256} is not a SHA-256`;
  return { clipId, index, count, alertIds, cameraId, sha256 };
}

export interface MediaIntakeOptions {
  readonly mediaDir: string;
  readonly store: Pick<Store, 'getAlert'>;
  /** wireAlerts' handler of finished clips: records the clip on its alerts, alert-updated. */
  readonly onClip: (alertIds: readonly string[], relPath: string) => void;
  readonly logger: Logger;
  /** An incomplete clip (or one whose alerts are not stored) older than this is dropped (default 5 min). */
  readonly maxAgeMs?: number;
  readonly nowMs?: () => number;
}

export interface MediaIntake {
  /** Takes one chunk; acknowledges it (and its clip's) when the clip is done with. */
  take(m: ChunkMsg): Promise<void>;
  /** Tries the complete clips waiting for their alerts again, and drops the expired ones. */
  sweep(): Promise<void>;
  /** Whether a clip of this alert is on its way (chunks in, not written yet). */
  isPending(alertId: string): boolean;
  counts(): { readonly written: number; readonly duplicates: number; readonly dropped: number };
}

interface Gathering {
  readonly head: ChunkHeaders;
  readonly firstMs: number;
  readonly chunks: Map<number, ChunkMsg>;
  /** Being written (take and sweep never finish one clip twice). */
  busy?: boolean;
}

/** The clip's place: the local recorder's, next to the snapshot of its first alert. */
export function clipRelPath(alert: { readonly cameraId: string; readonly id: string; readonly createdAtMs: number }): string {
  return snapshotRelPath(alert.cameraId, alert.id, alert.createdAtMs).replace(/\.jpg$/, '.mp4');
}

export function createMediaIntake(opts: MediaIntakeOptions): MediaIntake {
  const maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
  const now = opts.nowMs ?? Date.now;
  const clips = new Map<string, Gathering>();
  /** Clips written or dropped lately: their late duplicates are acknowledged and ignored. */
  const finished = new Set<string>();
  const counts = { written: 0, duplicates: 0, dropped: 0 };

  const forget = (clipId: string): void => {
    clips.delete(clipId);
    finished.add(clipId);
    if (finished.size > 2000) finished.delete(finished.values().next().value as string);
  };
  const drop = (g: Gathering, why: string): void => {
    opts.logger.error(`clip ${g.head.clipId} of alert(s) ${g.head.alertIds.join(', ')} dropped: ${why}`);
    for (const c of g.chunks.values()) c.term(why);
    counts.dropped += 1;
    forget(g.head.clipId);
  };
  const write = async (rel: string, bytes: Buffer): Promise<void> => {
    const abs = resolveMediaPath(opts.mediaDir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(`${abs}.tmp`, bytes);
    await rename(`${abs}.tmp`, abs);
  };
  /** A complete clip: written and recorded (true), or left waiting for its alerts (false). */
  const finish = async (g: Gathering): Promise<boolean> => {
    if (g.busy) return true;
    g.busy = true;
    try {
      return await finishNow(g);
    } finally {
      g.busy = false;
    }
  };
  const finishNow = async (g: Gathering): Promise<boolean> => {
    const stored = g.head.alertIds.flatMap((id) => {
      const a = opts.store.getAlert(id);
      return a ? [a] : [];
    });
    const first = stored[0];
    if (!first) return false;
    const rel = clipRelPath(first);
    if (first.clipPath === rel) {
      counts.duplicates += 1;
    } else {
      const bytes = Buffer.concat([...Array(g.head.count).keys()].map((i) => g.chunks.get(i)!.data));
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== g.head.sha256) {
        drop(g, `its SHA-256 ${sha} is not the announced ${g.head.sha256}`);
        return true;
      }
      await write(rel, bytes);
      opts.onClip(stored.map((a) => a.id), rel);
      counts.written += 1;
    }
    for (const c of g.chunks.values()) c.ack();
    forget(g.head.clipId);
    return true;
  };
  const complete = (g: Gathering): boolean => g.chunks.size === g.head.count;

  return {
    async take(m) {
      const head = chunkHeaders(m);
      if (typeof head === 'string') {
        opts.logger.error(`bus clip chunk ${m.subject} dropped: ${head}`);
        return m.term(head);
      }
      if (finished.has(head.clipId)) {
        counts.duplicates += 1;
        return m.ack();
      }
      const g = clips.get(head.clipId) ?? { head, firstMs: now(), chunks: new Map<number, ChunkMsg>() };
      clips.set(head.clipId, g);
      if (head.count !== g.head.count || head.sha256 !== g.head.sha256) {
        opts.logger.error(`bus clip chunk ${m.subject} #${head.index} dropped: it disagrees with the other chunks of clip ${head.clipId}`);
        return m.term('inconsistent clip headers');
      }
      g.chunks.set(head.index, m); // a chunk delivered again replaces the earlier delivery
      if (!complete(g)) return;
      try {
        await finish(g);
      } catch (err) {
        // Not written (disk full...): its chunks come back after the ack wait and it is tried again.
        opts.logger.error(`clip ${head.clipId} not written: ${errorMessage(err)}`);
        clips.delete(head.clipId);
      }
    },
    async sweep() {
      for (const g of [...clips.values()]) {
        const waited = now() - g.firstMs;
        if (complete(g) && (await finish(g).catch((err: unknown) => (opts.logger.error(`clip ${g.head.clipId} not written: ${errorMessage(err)}`), false)))) continue;
        if (waited <= maxAgeMs) continue;
        drop(g, complete(g) ? `none of its alerts is stored after ${Math.round(waited / 1000)} s (refused or lost)` : `incomplete after ${Math.round(waited / 1000)} s (${g.chunks.size} of ${g.head.count} chunks)`);
      }
    },
    isPending: (alertId) => [...clips.values()].some((g) => g.head.alertIds.includes(alertId)),
    counts: () => ({ ...counts }),
  };
}
