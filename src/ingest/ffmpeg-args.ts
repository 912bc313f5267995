/**
 * The ffmpeg command line for one ingest run: decode, pick `fps` frames a second, scale, raw RGB24
 * on stdout; with `evidence`, the same pictures also as JPEG on file descriptor 3 (the evidence ring).
 */
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
  /** Also write every frame as a JPEG (one after the other, on fd 3): the evidence ring's copy. */
  readonly evidence?: boolean;
}

/**
 * The evidence copy (docs/benchmarks.md, "Evidence ring" and "The evidence JPEG scaled from the
 * decoded picture"): ffmpeg's JPEG encoder at this quality (2 best .. 31), on the picture scaled
 * straight to full-range 4:2:0, costs 1.3-3 ms of ffmpeg's CPU a 640-wide frame and gives 27-70 KB
 * (0.7-1.8 MB for the ring's 25 frames), where packing the RGB frame in JavaScript cost about 10 ms
 * (and as much again to unpack it for a clip).
 */
export const EVIDENCE_JPEG_QUALITY = 2;
export const EVIDENCE_FD = 3;

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
  args.push('-threads', String(DECODE_THREADS), '-i', ffmpegInput(source));
  if (!plan.evidence) {
    args.push('-an', '-sn', '-dn', '-vf', filters, ...output, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1');
    return args;
  }
  // One filter graph, each picture to both outputs as it is (no vsync duplicate of the first frame
  // on one of them): the k-th JPEG is the k-th raw frame. A video is split after the frame rate:
  // each branch scales the decoded picture itself, the analysis one to RGB exactly as the plain
  // command line does (the same bytes, to the bit), the evidence one straight to full-range 4:2:0
  // (docs/benchmarks.md, "The evidence JPEG scaled from the decoded picture"): converting the RGB frame back
  // to YUV cost ffmpeg as much as the JPEG encoding. A still is scaled once, then split.
  const graph = plan.still
    ? `[0:v]${filters},format=rgb24,split=2[analysis][ev];[ev]scale=flags=${SCALER},format=yuvj420p[evidence]`
    : `[0:v]fps=${fps},split=2[raw][ev];[raw]${scale}:flags=${SCALER},format=rgb24[analysis];[ev]${scale}:flags=${SCALER},format=yuvj420p[evidence]`;
  args.push('-vsync', 'passthrough', '-filter_complex', graph);
  args.push('-map', '[evidence]', ...output, '-c:v', 'mjpeg', '-q:v', String(EVIDENCE_JPEG_QUALITY), '-f', 'image2pipe', `pipe:${EVIDENCE_FD}`);
  args.push('-map', '[analysis]', ...output, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1');
  return args;
}

/** Files go through the file: protocol, so names with ':' or a leading '-' stay file names. */
export function ffmpegInput(source: Source): string {
  return source.kind === 'file' ? `file:${source.input}` : source.input;
}
