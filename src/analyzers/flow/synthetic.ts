/**
 * Test helper: synthetic RGB24 frame sequences for the flow analyzer and the crowd_movement rule.
 * A static textured background and textured blobs ("people") that walk, each with its own texture
 * so that its motion is visible to optical flow. Knobs for the false-alarm defences: global gain
 * and offset (lighting), sensor noise, 8x8 block artefacts (compression), camera pan or shake, and
 * per-blob speeds and headings (rush, dispersal). Deterministic (seeded).
 */
import type { Frame } from '../../core/types.ts';
import { mulberry32 } from '../../core/random.ts';

export interface Walker {
  /** Start position of the blob centre, pixels. */
  readonly x: number;
  readonly y: number;
  /** Heading in radians (0 = right, y down). */
  readonly headingRad: number;
}

export interface SceneSpec {
  readonly width: number;
  readonly height: number;
  readonly walkers: readonly Walker[];
  /** Blob size, pixels. */
  readonly blobW: number;
  readonly blobH: number;
  /** Speed of blob `i` at time t, pixels per second. */
  readonly speedAt: (i: number, tMs: number) => number;
  /** Heading of blob `i` at time t (default: its walker heading; blobs bounce off the borders). */
  readonly headingAt?: (i: number, tMs: number, x: number, y: number) => number | undefined;
  readonly gainAt?: (tMs: number) => number;
  readonly offsetAt?: (tMs: number) => number;
  /** Gaussian-like sensor noise at time t, grey levels (sum of uniforms). */
  readonly noiseAt?: (tMs: number) => number;
  /** Amplitude of a random offset per 8x8 block and frame at time t, grey levels (compression). */
  readonly blockNoiseAt?: (tMs: number) => number;
  /** Where the camera looks at time t: the whole picture shifted by (dx, dy) pixels (pan, shake). */
  readonly panAt?: (tMs: number) => readonly [number, number];
  readonly seed?: number;
}

/** Small deterministic PRNG (mulberry32), values in [0, 1). */

/** Smooth random texture: random values on a coarse lattice, bilinearly interpolated, in 40..215. */
export function texture(w: number, h: number, cell: number, rand: () => number): Float32Array {
  const cw = Math.ceil(w / cell) + 2;
  const ch = Math.ceil(h / cell) + 2;
  const lattice = Float32Array.from({ length: cw * ch }, () => 40 + 175 * rand());
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = x / cell;
      const gy = y / cell;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const at = (i: number, j: number): number => lattice[j * cw + i]!;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** `count` frames at `fps`, starting at tMs 0. */
export function syntheticFrames(spec: SceneSpec, count: number, fps = 5): Frame[] {
  const { width: w, height: h, blobW, blobH } = spec;
  const rand = mulberry32(spec.seed ?? 1);
  const background = texture(w, h, 6, rand);
  const skins = spec.walkers.map(() => texture(blobW, blobH, 5, rand));
  const pos = spec.walkers.map((p) => ({ x: p.x, y: p.y, heading: p.headingRad }));
  const frameMs = 1000 / fps;
  const frames: Frame[] = [];
  for (let f = 0; f < count; f++) {
    const tMs = f * frameMs;
    if (f > 0) {
      pos.forEach((p, i) => {
        p.heading = spec.headingAt?.(i, tMs, p.x, p.y) ?? p.heading;
        const step = (spec.speedAt(i, tMs) * frameMs) / 1000;
        p.x += step * Math.cos(p.heading);
        p.y += step * Math.sin(p.heading);
        if (p.x < blobW / 2 || p.x > w - blobW / 2) p.heading = Math.PI - p.heading;
        if (p.y < blobH / 2 || p.y > h - blobH / 2) p.heading = -p.heading;
        p.x = Math.min(w - blobW / 2, Math.max(blobW / 2, p.x));
        p.y = Math.min(h - blobH / 2, Math.max(blobH / 2, p.y));
      });
    }
    const grey = Float32Array.from(background);
    pos.forEach((p, i) => {
      const x0 = Math.round(p.x - blobW / 2);
      const y0 = Math.round(p.y - blobH / 2);
      const skin = skins[i]!;
      for (let y = 0; y < blobH; y++) {
        for (let x = 0; x < blobW; x++) {
          const ex = (x - blobW / 2 + 0.5) / (blobW / 2);
          const ey = (y - blobH / 2 + 0.5) / (blobH / 2);
          if (ex * ex + ey * ey <= 1 && x0 + x >= 0 && x0 + x < w && y0 + y >= 0 && y0 + y < h) grey[(y0 + y) * w + x0 + x] = skin[y * blobW + x]!;
        }
      }
    });
    frames.push({ cameraId: 'synthetic', seq: f, tMs, wallMs: 0, width: w, height: h, data: render(grey, spec, tMs, rand) });
  }
  return frames;
}

function render(grey: Float32Array, spec: SceneSpec, tMs: number, rand: () => number): Uint8Array {
  const { width: w, height: h } = spec;
  const gain = spec.gainAt?.(tMs) ?? 1;
  const offset = spec.offsetAt?.(tMs) ?? 0;
  const noise = spec.noiseAt?.(tMs) ?? 0;
  const blockNoise = spec.blockNoiseAt?.(tMs) ?? 0;
  const blocks = blockNoise > 0 ? Float32Array.from({ length: Math.ceil(w / 8) * Math.ceil(h / 8) }, () => (rand() * 2 - 1) * blockNoise) : undefined;
  const [dx, dy] = spec.panAt?.(tMs) ?? [0, 0];
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(h - 1, Math.max(0, Math.round(y + dy)));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(w - 1, Math.max(0, Math.round(x + dx)));
      let v = gain * grey[sy * w + sx]! + offset;
      if (noise > 0) v += noise * (rand() + rand() + rand() - 1.5) * 2;
      if (blocks) v += blocks[(y >> 3) * Math.ceil(w / 8) + (x >> 3)]!;
      const c = Math.min(255, Math.max(0, Math.round(v)));
      const p = (y * w + x) * 3;
      out[p] = c;
      out[p + 1] = c;
      out[p + 2] = c;
    }
  }
  return out;
}
