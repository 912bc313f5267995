/** Synthetic frames for the motion gate's tests: a textured scene with optional bright squares. */
import type { Frame } from '../core/types.ts';

export const GATE_W = 320;
export const GATE_H = 180;

/** An RGB frame of a fixed textured scene with bright squares at [x, y, size] (pixels), at media time tMs. */
export function gateFrame(tMs: number, squares: readonly (readonly [number, number, number])[] = [], brightness = 1): Frame {
  const data = new Uint8Array(GATE_W * GATE_H * 3);
  for (let y = 0; y < GATE_H; y++) {
    for (let x = 0; x < GATE_W; x++) {
      const inside = squares.some(([sx, sy, s]) => x >= sx && x < sx + s && y >= sy && y < sy + s);
      const v = Math.min(255, Math.round((inside ? 240 : 40 + ((x + 2 * y) % 100)) * brightness));
      data.set([v, v, v], (y * GATE_W + x) * 3);
    }
  }
  return { cameraId: 'gate', seq: Math.round(tMs / 200), tMs, wallMs: tMs, width: GATE_W, height: GATE_H, data };
}
