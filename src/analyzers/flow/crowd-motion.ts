/**
 * Scene-independent measures of a crowd's motion, in body units, from one frame's flow field and
 * the frame's person detections. They let the crowd_movement rule judge a camera it has not yet
 * watched long enough to know its usual motion (the rule's prior, rules/crowd-movement-prior.ts):
 *
 * - body speeds: per detected person, the median displacement of the moving pixels of its box,
 *   in body heights per second. A person's height is the one length every camera shows at its
 *   own scale: walking is about 0.75 body heights a second (1.3 m/s for 1.7 m), running twice that
 *   or more, at any distance from the camera and at any resolution.
 * - moving cells: the flow grid is cut into cells of CELL_PX; a cell moves when at least half of
 *   its textured pixels do. The share of the view's cells that move says whether a mass fills the
 *   view, and the share of those inside person boxes whether that mass is people.
 * - turbulence: for each cell moving on this frame and on the previous one, how much its mean
 *   velocity changed relative to its speed, |v1 - v0| / mean(|v0|, |v1|) (0: steady flow, 4/pi on
 *   average for a direction drawn at random, 2: reversed). A steady flow, however dense, keeps its
 *   velocity from one frame to the next; a crowd that shoves and sways (a crush) does not.
 */
import type { Box, Detection } from '../../core/types.ts';
import { extraKey } from '../../rules/extras.ts';
import type { FlowField } from './lucas-kanade.ts';

export interface CrowdMotion {
  /** One per detected person whose box the flow covers, body heights per second (0: not moving). */
  readonly bodySpeeds: readonly number[];
  /** Share of the view's cells that move, 0..1. */
  readonly movingCellShare: number;
  /** Share of the moving cells whose centre lies in a person box, 0..1 (0 when none moves). */
  readonly personCellShare: number;
  /** Median relative velocity change of the cells moving on both frames; undefined under MIN_TURBULENCE_CELLS. */
  readonly turbulence: number | undefined;
}

/** The extra the flow analyzer writes beside FLOW_SUMMARY. */
export const CROWD_MOTION = extraKey<CrowdMotion>('flow.crowd');

/** Cell side on the flow grid (8 px of 160: 5 % of the frame width). */
export const CELL_PX = 8;
/** A cell with fewer textured pixels has no velocity. */
const MIN_CELL_VALID = 8;
/** Below this many cells moving on both frames, the turbulence is not measured. */
export const MIN_TURBULENCE_CELLS = 12;
/**
 * A whole standing or walking person's box is rarely wider than this share of its height; a box
 * cut by the frame edge or by a nearer person keeps its width, so its body height is taken as at
 * least width / BODY_ASPECT (the larger height gives the lower speed: the cautious side).
 */
export const BODY_ASPECT = 0.45;
/** A box needs this many textured pixels for a speed; a person moves when a quarter of them do. */
const MIN_BOX_VALID = 6;
const MOVING_SHARE_OF_BOX = 0.25;

/** Per-cell mean velocity of the moving pixels (grid px per frame); `moving` 0/1, `inView` 0/1. */
export interface CellField {
  readonly cols: number;
  readonly rows: number;
  readonly u: Float32Array;
  readonly v: Float32Array;
  readonly moving: Uint8Array;
  readonly inView: Uint8Array;
}

export function cellField(field: FlowField, minMovePx: number, mask?: Uint8Array): CellField {
  const { width: w, height: h } = field;
  const cols = Math.max(1, Math.floor(w / CELL_PX));
  const rows = Math.max(1, Math.floor(h / CELL_PX));
  const n = cols * rows;
  const out = { cols, rows, u: new Float32Array(n), v: new Float32Array(n), moving: new Uint8Array(n), inView: new Uint8Array(n) };
  const min2 = minMovePx * minMovePx;
  for (let c = 0; c < n; c++) {
    const x0 = (c % cols) * CELL_PX;
    const y0 = Math.floor(c / cols) * CELL_PX;
    const centre = (y0 + (CELL_PX >> 1)) * w + x0 + (CELL_PX >> 1);
    if (mask && mask[Math.min(centre, w * h - 1)] === 0) continue;
    out.inView[c] = 1;
    let valid = 0;
    let moving = 0;
    let su = 0;
    let sv = 0;
    for (let y = y0; y < y0 + CELL_PX; y++) {
      for (let x = x0, i = y * w + x0; x < x0 + CELL_PX; x++, i++) {
        if (field.valid[i] === 0) continue;
        valid++;
        const du = field.u[i]!;
        const dv = field.v[i]!;
        if (du * du + dv * dv < min2) continue;
        moving++;
        su += du;
        sv += dv;
      }
    }
    if (valid < MIN_CELL_VALID || moving * 2 < valid) continue;
    out.moving[c] = 1;
    out.u[c] = su / moving;
    out.v[c] = sv / moving;
  }
  return out;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Median relative change of the velocity of the cells moving in both fields (same grid). */
export function turbulenceOf(now: CellField, before: CellField | undefined): number | undefined {
  if (!before || before.cols !== now.cols || before.rows !== now.rows) return undefined;
  const ratios: number[] = [];
  for (let c = 0; c < now.moving.length; c++) {
    if (now.moving[c] === 0 || before.moving[c] === 0) continue;
    const s = (Math.hypot(now.u[c]!, now.v[c]!) + Math.hypot(before.u[c]!, before.v[c]!)) / 2;
    ratios.push(Math.hypot(now.u[c]! - before.u[c]!, now.v[c]! - before.v[c]!) / s);
  }
  return ratios.length >= MIN_TURBULENCE_CELLS ? median(ratios) : undefined;
}

/** Grid-pixel bounds of a normalised box, clipped. */
function gridRect(box: Box, w: number, h: number): [number, number, number, number] {
  return [Math.max(0, Math.floor(box.x1 * w)), Math.max(0, Math.floor(box.y1 * h)), Math.min(w, Math.ceil(box.x2 * w)), Math.min(h, Math.ceil(box.y2 * h))];
}

/** Body heights per second of one person, or undefined when its box holds too little texture. */
export function bodySpeed(field: FlowField, box: Box, dtMs: number, minMovePx: number): number | undefined {
  const { width: w, height: h } = field;
  const [x1, y1, x2, y2] = gridRect(box, w, h);
  const bodyPx = Math.max((box.y2 - box.y1) * h, ((box.x2 - box.x1) * w) / BODY_ASPECT);
  if (bodyPx <= 0 || dtMs <= 0) return undefined;
  const mags: number[] = [];
  let valid = 0;
  for (let y = y1; y < y2; y++) {
    for (let x = x1, i = y * w + x1; x < x2; x++, i++) {
      if (field.valid[i] === 0) continue;
      valid++;
      const m = Math.hypot(field.u[i]!, field.v[i]!);
      if (m >= minMovePx) mags.push(m);
    }
  }
  if (valid < MIN_BOX_VALID) return undefined;
  if (mags.length < MOVING_SHARE_OF_BOX * valid) return 0;
  return ((median(mags) ?? 0) / bodyPx) * (1000 / dtMs);
}

/** Share of the moving cells whose centre lies in one of the boxes. */
function personShare(cells: CellField, boxes: readonly Box[], w: number, h: number): number {
  let moving = 0;
  let inside = 0;
  for (let c = 0; c < cells.moving.length; c++) {
    if (cells.moving[c] === 0) continue;
    moving++;
    const x = ((c % cells.cols) * CELL_PX + CELL_PX / 2) / w;
    const y = (Math.floor(c / cells.cols) * CELL_PX + CELL_PX / 2) / h;
    if (boxes.some((b) => x >= b.x1 && x < b.x2 && y >= b.y1 && y < b.y2)) inside++;
  }
  return moving > 0 ? inside / moving : 0;
}

export interface CrowdMotionInput {
  readonly field: FlowField;
  readonly cells: CellField;
  readonly previousCells: CellField | undefined;
  readonly persons: readonly Detection[];
  readonly dtMs: number;
  readonly minMovePx: number;
}

export function measureCrowdMotion(input: CrowdMotionInput): CrowdMotion {
  const { field, cells, persons } = input;
  const bodySpeeds: number[] = [];
  for (const p of persons) {
    const s = bodySpeed(field, p.box, input.dtMs, input.minMovePx);
    if (s !== undefined) bodySpeeds.push(s);
  }
  let view = 0;
  let moving = 0;
  for (let c = 0; c < cells.moving.length; c++) {
    view += cells.inView[c]!;
    moving += cells.moving[c]!;
  }
  return {
    bodySpeeds,
    movingCellShare: view > 0 ? moving / view : 0,
    personCellShare: personShare(cells, persons.map((p) => p.box), field.width, field.height),
    turbulence: turbulenceOf(cells, input.previousCells),
  };
}
