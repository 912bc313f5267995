/**
 * Where fire evidence accumulates: k-of-n per place, not a continuous run. A flame seen at 5 fps
 * comes and goes (a tongue drops under the colour rule, a person passes in front, smoke hides it),
 * so requiring it in every frame misses real fires; counting it anywhere in the frame lets look-alikes
 * in different places add up. A site is a place where evidence was seen; each frame with evidence
 * there adds that frame's duration (the time since the previous analysed frame, at most
 * MAX_FRAME_MS), and only the evidence of the last windowMs counts. Pure functions.
 */
import type { Box } from '../core/types.ts';

/** Most evidence one frame can add (a stalled stream's long gap is not evidence). */
export const MAX_FRAME_MS = 600;
/** A finding belongs to a site when it overlaps the site's box grown by this share of its size. */
const GROW_SHARE = 0.5;

export interface SiteHit {
  readonly tMs: number;
  /** Evidence time this frame adds: its duration. */
  readonly weightMs: number;
  readonly box: Box;
}

export interface FireSite {
  readonly kind: string;
  /** Hits in the window, oldest first. */
  readonly hits: readonly SiteHit[];
}

export interface SiteFinding {
  readonly kind: string;
  readonly box: Box;
}

export function union(boxes: readonly Box[]): Box {
  return {
    x1: Math.min(...boxes.map((b) => b.x1)),
    y1: Math.min(...boxes.map((b) => b.y1)),
    x2: Math.max(...boxes.map((b) => b.x2)),
    y2: Math.max(...boxes.map((b) => b.y2)),
  };
}

export function siteBox(site: FireSite): Box {
  return union(site.hits.map((h) => h.box));
}

/** Seconds of evidence the site holds in its window. */
export function evidenceMs(site: FireSite): number {
  return site.hits.reduce((s, h) => s + h.weightMs, 0);
}

function touches(a: Box, b: Box): boolean {
  const gx = (a.x2 - a.x1) * GROW_SHARE;
  const gy = (a.y2 - a.y1) * GROW_SHARE;
  return b.x1 <= a.x2 + gx && b.x2 >= a.x1 - gx && b.y1 <= a.y2 + gy && b.y2 >= a.y1 - gy;
}

/**
 * Adds this frame's findings to the sites (one hit per site and frame, a finding touching no site
 * opens one) and forgets hits older than windowMs and sites left without hits.
 */
export function updateSites(sites: readonly FireSite[], findings: readonly SiteFinding[], tMs: number, frameMs: number, windowMs: number): FireSite[] {
  const weightMs = Math.min(frameMs, MAX_FRAME_MS);
  const matched = new Map<number, Box[]>();
  const fresh: SiteFinding[] = [];
  for (const f of findings) {
    const i = sites.findIndex((s) => s.kind === f.kind && touches(siteBox(s), f.box));
    if (i < 0) fresh.push(f);
    else matched.set(i, [...(matched.get(i) ?? []), f.box]);
  }
  const next: FireSite[] = sites.map((s, i) => {
    const boxes = matched.get(i);
    if (!boxes) return s;
    return { kind: s.kind, hits: [...s.hits, { tMs, weightMs, box: union(boxes) }] };
  });
  for (const f of fresh) {
    const same = next.findIndex((s) => s.kind === f.kind && s.hits[s.hits.length - 1]!.tMs === tMs && touches(siteBox(s), f.box));
    if (same >= 0) {
      const s = next[same]!;
      const last = s.hits[s.hits.length - 1]!;
      next[same] = { kind: s.kind, hits: [...s.hits.slice(0, -1), { ...last, box: union([last.box, f.box]) }] };
    } else next.push({ kind: f.kind, hits: [{ tMs, weightMs, box: f.box }] });
  }
  return next
    .map((s) => ({ kind: s.kind, hits: s.hits.filter((h) => h.tMs > tMs - windowMs) }))
    .filter((s) => s.hits.length > 0);
}
