/**
 * Views of alert media journaled once per view, not once per HTTP request:
 * - alert images (`GET /api/alerts/:id/snapshot.jpg`, the thumbnails of the queue): one `alert.images`
 *   row per account and minute, listing the alerts whose image was sent, written when the minute has
 *   ended (or at shutdown). The detail view of an alert (`GET /api/alerts/:id`) stays one row per view.
 * - evidence clips (`GET /api/alerts/:id/clip.mp4`): the first request of an account for a clip is
 *   journaled, further ones for that clip with the same status within a minute are not (a video
 *   element's range requests and the polls while the clip is encoded are one view).
 * Answers that are not a success stay one row each. Memory is bounded.
 */
import type { JournalInput } from '../store/journal.ts';

export const ALERT_IMAGE_ROUTE = 'GET /api/alerts/:id/snapshot.jpg';
export const ALERT_CLIP_ROUTE = 'GET /api/alerts/:id/clip.mp4';

export interface ViewOptions {
  readonly windowMs: number;
  /** Alert ids listed in one `alert.images` row; further ones are counted only. */
  readonly maxListed: number;
  /** Accounts and clip views remembered at once (the oldest is written out or forgotten first). */
  readonly maxKeys: number;
}

export const DEFAULT_VIEWS: ViewOptions = { windowMs: 60_000, maxListed: 500, maxKeys: 10_000 };

export interface MediaViews {
  /** The entry to write now for this access (itself, or nothing when it is folded into a view). */
  admit(e: JournalInput): JournalInput | undefined;
  /** Writes the image windows that have ended; forgets clip views older than the window. */
  sweep(nowMs: number): void;
  /** Writes every image window (shutdown). */
  flush(): void;
}

interface ImageWindow {
  readonly actor: string;
  readonly startMs: number;
  lastMs: number;
  count: number;
  readonly alerts: Set<string>;
}

/** The journal row of an account's image window. Pure. */
export function imagesEntry(w: ImageWindow): JournalInput {
  return { atMs: w.lastMs, actor: w.actor, action: 'alert.images', details: { alerts: [...w.alerts], count: w.count, fromMs: w.startMs, toMs: w.lastMs } };
}

const success = (e: JournalInput): boolean => {
  const status = e.details?.status;
  return typeof status === 'number' && status >= 200 && status < 400;
};

export function createMediaViews(record: (e: JournalInput) => void, opts: ViewOptions = DEFAULT_VIEWS): MediaViews {
  // Insertion order is start order: the oldest first.
  const images = new Map<string, ImageWindow>();
  const clips = new Map<string, number>();
  const writeOut = (w: ImageWindow): void => {
    images.delete(w.actor);
    record(imagesEntry(w));
  };
  const sweep = (nowMs: number): void => {
    for (const w of images.values()) {
      if (nowMs - w.startMs < opts.windowMs) break;
      writeOut(w);
    }
    for (const [key, atMs] of clips) {
      if (nowMs - atMs < opts.windowMs) break;
      clips.delete(key);
    }
  };
  const image = (e: JournalInput & { actor: string; target: string }): undefined => {
    const w = images.get(e.actor) ?? { actor: e.actor, startMs: e.atMs, lastMs: e.atMs, count: 0, alerts: new Set<string>() };
    images.set(e.actor, w);
    w.lastMs = e.atMs;
    w.count++;
    if (w.alerts.size < opts.maxListed) w.alerts.add(e.target);
    const oldest = images.values().next().value;
    if (images.size > opts.maxKeys && oldest) writeOut(oldest);
    return undefined;
  };
  const clip = (e: JournalInput): JournalInput | undefined => {
    const key = `${e.actor}\u0000${e.target}\u0000${String(e.details?.status)}`;
    if (clips.has(key)) return undefined;
    clips.set(key, e.atMs);
    const oldest = clips.keys().next().value;
    if (clips.size > opts.maxKeys && oldest !== undefined) clips.delete(oldest);
    return e;
  };
  return {
    admit(e) {
      sweep(e.atMs);
      if (!e.actor || !e.target || !success(e)) return e;
      if (e.action === ALERT_IMAGE_ROUTE) return image({ ...e, actor: e.actor, target: e.target });
      if (e.action === ALERT_CLIP_ROUTE) return clip(e);
      return e;
    },
    sweep,
    flush: () => [...images.values()].forEach(writeOut),
  };
}
