/**
 * Synthetic frames for the fire tests: a textured dark background, and painted flames, lamps,
 * flashing lights, rotating beacons and moving headlights. Deterministic (seeded).
 */
import { mulberry32 } from '../../core/random.ts';

export const SCENE_W = 320;
export const SCENE_H = 240;


export type Rgb = readonly [number, number, number];

export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A dark grey textured background (fixed texture: the same seed gives the same scene). */
export function background(seed = 1, base = 60, w = SCENE_W, h = SCENE_H, contrast = 30): Canvas {
  const next = mulberry32(seed);
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    const v = base + Math.floor(next() * contrast);
    data.set([v, v, v + 5], i * 3);
  }
  return { width: w, height: h, data };
}

/** Bricks: a strongly textured wall (light mortar lines every 8 px) that smoke would blur. */
export function bricks(w = SCENE_W, h = SCENE_H): Canvas {
  const c = background(3, 70, w, h, 20);
  paint(c, [150, 150, 150], (x, y) => y % 8 < 2 || (x + (Math.floor(y / 8) % 2) * 8) % 16 < 2);
  return c;
}

/**
 * Grey smoke over the canvas inside `inside`: the pixel blended towards pale grey (alpha), which
 * also flattens the texture behind it.
 */
export function veil(c: Canvas, alpha: number, inside: (x: number, y: number) => boolean, grey = 175): void {
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      if (!inside(x, y)) continue;
      const i = (y * c.width + x) * 3;
      for (let k = 0; k < 3; k++) c.data[i + k] = Math.round(c.data[i + k]! * (1 - alpha) + grey * alpha);
    }
  }
}

export function copy(c: Canvas): Canvas {
  return { width: c.width, height: c.height, data: new Uint8Array(c.data) };
}

/** Fills the pixels where inside(x, y) holds. */
export function paint(c: Canvas, colour: Rgb, inside: (x: number, y: number) => boolean, x1 = 0, y1 = 0, x2 = c.width, y2 = c.height): void {
  for (let y = Math.max(0, Math.floor(y1)); y < Math.min(c.height, Math.ceil(y2)); y++) {
    for (let x = Math.max(0, Math.floor(x1)); x < Math.min(c.width, Math.ceil(x2)); x++) {
      if (inside(x, y)) c.data.set(colour, (y * c.width + x) * 3);
    }
  }
}

export function disc(c: Canvas, cx: number, cy: number, r: number, colour: Rgb): void {
  paint(c, colour, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r, cx - r, cy - r, cx + r + 1, cy + r + 1);
}

/**
 * A flame at frame `f`: tongues of random heights rising from a base line, each column's height and
 * colour drawn afresh every frame (irregular flicker, changing shape).
 */
export function flame(c: Canvas, f: number, cx: number, baseY: number, halfWidth: number, maxHeight: number, seed = 7): void {
  const next = mulberry32(seed * 1000 + f);
  const tongues = 7;
  const heights = Array.from({ length: tongues }, () => maxHeight * (0.15 + 0.85 * next()));
  const shades = Array.from({ length: tongues }, (): Rgb => [255, 130 + Math.floor(next() * 110), 20 + Math.floor(next() * 50)]);
  for (let x = Math.floor(cx - halfWidth); x <= cx + halfWidth; x++) {
    const u = (x - (cx - halfWidth)) / (2 * halfWidth);
    const k = Math.min(tongues - 1, Math.floor(u * tongues));
    const envelope = Math.sin(Math.PI * Math.min(1, Math.max(0, u)));
    const top = baseY - heights[k]! * (0.4 + 0.6 * envelope);
    paint(c, shades[k]!, () => true, x, top, x + 1, baseY);
  }
}

/** A wedge of a rotating beacon: the lit half-disc turns by `degPerFrame` each frame. */
export function beacon(c: Canvas, f: number, cx: number, cy: number, r: number, degPerFrame: number, colour: Rgb): void {
  const a0 = (f * degPerFrame * Math.PI) / 180;
  paint(
    c,
    colour,
    (x, y) => {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return false;
      const a = Math.atan2(y - cy, x - cx) - a0;
      return Math.cos(a) > 0.3;
    },
    cx - r,
    cy - r,
    cx + r + 1,
    cy + r + 1,
  );
}

/** The canvas moved by (dx, dy) pixels, edges repeated: camera shake. */
export function shifted(c: Canvas, dx: number, dy: number): Canvas {
  const out = new Uint8Array(c.data.length);
  for (let y = 0; y < c.height; y++) {
    const sy = Math.min(c.height - 1, Math.max(0, y - dy));
    for (let x = 0; x < c.width; x++) {
      const sx = Math.min(c.width - 1, Math.max(0, x - dx));
      out.set(c.data.subarray((sy * c.width + sx) * 3, (sy * c.width + sx) * 3 + 3), (y * c.width + x) * 3);
    }
  }
  return { width: c.width, height: c.height, data: out };
}
