/** The ffmpeg command line for one ingest run: decode, pick `fps` frames a second, scale, raw RGB24 on stdout. */
import type { Source } from './source.ts';

/** A still image is analysed as that image repeated for this long. */
export const STILL_DURATION_MS = 5000;

/**
 * Cost of decoding (docs/motion-gating.md, "Cheaper decoding"): one decoding thread per camera
 * (ffmpeg's default of one per core plus one spends CPU on synchronising them, and a camera's
 * stream needs a fraction of one core), and the fast bilinear scaler for videos (the default
 * bicubic one costs about as much as the decoding; the detector letterboxes the frame again
 * anyway). A still is scaled once: it keeps the bicubic scaler.
 */
const DECODE_THREADS = 1;
const SCALER = 'fast_bilinear';

export interface ArgsPlan {
  readonly source: Source;
  readonly fps: number;
  readonly width: number;
  /** Pace input at its native speed (-re for videos, the realtime filter for stills). Files only. */
  readonly realtime: boolean;
  /** Files only: the input is a still image. */
  readonly still: boolean;
}

export function buildFfmpegArgs(plan: ArgsPlan): string[] {
  const { source, fps, width } = plan;
  const scale = `scale=${width}:-2`;
  const video = `fps=${fps},${scale}:flags=${SCALER}`;
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-benchmark'];
  let filters: string;
  let output: string[] = [];
  if (source.kind === 'live') {
    if (source.protocol === 'rtsp') args.push('-rtsp_transport', 'udp');
    filters = video;
  } else if (plan.still) {
    // Decode the image once, scale it once, repeat it in the filter graph.
    filters = `${scale},loop=loop=-1:size=1,fps=${fps}${plan.realtime ? ',realtime' : ''}`;
    output = ['-t', String(STILL_DURATION_MS / 1000)];
  } else {
    if (plan.realtime) args.push('-re');
    filters = video;
  }
  args.push('-threads', String(DECODE_THREADS), '-i', ffmpegInput(source), '-an', '-sn', '-dn', '-vf', filters, ...output);
  args.push('-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1');
  return args;
}

/** Files go through the file: protocol, so names with ':' or a leading '-' stay file names. */
export function ffmpegInput(source: Source): string {
  return source.kind === 'file' ? `file:${source.input}` : source.input;
}
