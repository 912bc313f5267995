/**
 * What an evidence clip carries burnt in, as an ffmpeg filter chain (pure): the alert's box over
 * the frames around the alert, a red frame border and an "ALERT" tag at the alert moment, and the
 * wall-clock time of each frame. Text needs drawtext and a font file; without them the chain is
 * box-only, so the clip is never lost to a missing font.
 */
import type { Box } from '../core/types.ts';

export interface OverlayInput {
  /** The alert's box, normalised; none: no box drawn. */
  readonly box?: Box;
  /** Seconds into the clip of the frame that raised the alert. */
  readonly alertAtS: number;
  /** Wall-clock time of that frame (epoch ms). */
  readonly alertWallMs: number;
  /** Font file for drawtext; undefined: no text (box-only). */
  readonly fontFile?: string;
  /** The box is shown from this long before the alert... */
  readonly boxBeforeS?: number;
  /** ...to this long after. */
  readonly boxAfterS?: number;
}

const num = (v: number): string => String(Math.round(v * 1000) / 1000);
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Font paths that need no escaping inside a filter graph (no quote, colon, backslash, comma...). */
export function safeFontFile(file: string | undefined): string | undefined {
  return file && /^[\w./ -]+$/.test(file) ? file : undefined;
}

/** Index (0-based) of the alert frame in a clip whose frames have these media times. */
export function alertFrameIndex(frameTMs: readonly number[], alertTMs: number): number {
  const i = frameTMs.findIndex((t) => t >= alertTMs);
  return i === -1 ? Math.max(0, frameTMs.length - 1) : i;
}

function boxFilter(box: Box, fromS: number, toS: number): string {
  const [x1, y1, x2, y2] = [clamp01(box.x1), clamp01(box.y1), clamp01(box.x2), clamp01(box.y2)];
  const size = `x=iw*${num(x1)}:y=ih*${num(y1)}:w=iw*${num(Math.max(0.001, x2 - x1))}:h=ih*${num(Math.max(0.001, y2 - y1))}`;
  return `drawbox=${size}:color=red@0.9:t=max(2\\,ih/120):enable='between(t,${num(fromS)},${num(toS)})'`;
}

/** The filters to append after scaling, comma-separated; '' when there is nothing to draw. */
export function overlayFilter(o: OverlayInput): string {
  const at = Math.max(0, o.alertAtS);
  const filters: string[] = [];
  if (o.box) filters.push(boxFilter(o.box, Math.max(0, at - (o.boxBeforeS ?? 1)), at + (o.boxAfterS ?? 3)));
  filters.push(`drawbox=x=0:y=0:w=iw:h=ih:color=red:t=max(4\\,ih/60):enable='between(t,${num(at)},${num(at + 0.6)})'`);
  const font = safeFontFile(o.fontFile);
  if (font) {
    // pts is seconds into the clip: the clock reads alertWallMs at the alert frame.
    const epoch = num(o.alertWallMs / 1000 - at);
    const style = `fontfile=${font}:fontcolor=white:box=1:boxborderw=6:fontsize=max(12\\,h/28)`;
    filters.push(`drawtext=${style}:boxcolor=black@0.6:x=8:y=h-th-8:text='%{pts\\:localtime\\:${epoch}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}'`);
    filters.push(`drawtext=${style}:boxcolor=red@0.85:x=8:y=8:text='ALERT':enable='between(t,${num(at)},${num(at + 2)})'`);
  }
  return filters.join(',');
}
