/**
 * Size and cost of the evidence ring's codec on real clips:
 *   node --import tsx src/server/measure-ring.ts <clip>... [--frames N]
 * Each clip is decoded at the analysis size (640 px wide, 5 fps); every frame is packed; the ring
 * is the last 25 frames: its largest and mean size over the clip are printed, with the CPU ms per
 * frame of the main-thread part (YUV 4:2:0, prediction) and of the deflate (zlib's pool in the
 * server; timed here synchronously, the same work), and of the unpacking.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { fromResiduals, rgbToYuv420, toResiduals, type RgbFrame } from './frame-codec.ts';

const RING = 25;
const args = process.argv.slice(2);
const framesAt = args.indexOf('--frames');
const maxFrames = framesAt >= 0 ? Number(args[framesAt + 1]) : 150;
const clips = args.filter((a, i) => !a.startsWith('--') && (framesAt < 0 || i !== framesAt + 1));

function decode(file: string): RgbFrame[] {
  const vf = 'fps=5,scale=640:-2';
  const out = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', vf, '-frames:v', String(maxFrames), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
  const probe = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', vf, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 26 });
  const size = probe.length;
  const count = Math.floor(out.length / size);
  return Array.from({ length: count }, (_, i) => ({ width: 640, height: size / 1920, data: new Uint8Array(out.subarray(i * size, (i + 1) * size)) }));
}

const cpuMs = (t0: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1000;
};
const mb = (b: number): string => (b / 1e6).toFixed(2);

for (const clip of clips) {
  const frames = decode(clip);
  let mainMs = 0;
  let deflateMs = 0;
  let inflateMs = 0;
  const sizes: number[] = [];
  for (const f of frames) {
    let t0 = process.cpuUsage();
    const residuals = toResiduals(rgbToYuv420(f));
    mainMs += cpuMs(t0);
    t0 = process.cpuUsage();
    const packed = zlib.deflateRawSync(residuals, { level: 1, strategy: zlib.constants.Z_RLE });
    deflateMs += cpuMs(t0);
    sizes.push(packed.length);
    t0 = process.cpuUsage();
    const back = zlib.inflateRawSync(packed);
    fromResiduals(f.width, f.height, new Uint8Array(back.buffer, back.byteOffset, back.length));
    inflateMs += cpuMs(t0);
  }
  const rings = sizes.slice(RING - 1).map((_, i) => sizes.slice(i, i + RING).reduce((a, b) => a + b, 0));
  const n = frames.length;
  const f0 = frames[0]!;
  console.log(
    `${path.basename(clip)} ${f0.width}x${f0.height} ${n} frames: raw ring ${mb(RING * f0.data.length)} MB, packed ring max ${mb(Math.max(...rings))} MB mean ${mb(rings.reduce((a, b) => a + b, 0) / rings.length)} MB;` +
      ` CPU ms/frame: convert+predict ${(mainMs / n).toFixed(2)}, deflate ${(deflateMs / n).toFixed(2)}, unpack ${(inflateMs / n).toFixed(2)}`,
  );
}
