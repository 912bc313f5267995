/**
 * Shared core types. Every stage of the pipeline takes and returns these.
 * Coordinates are normalised to the frame: x and y in [0, 1], origin top-left, y down.
 * Times are milliseconds on the camera's media clock (`tMs`): 0 at the first analysed
 * frame of a file, or at the start of a live stream.
 */

export const EVENT_TYPES = [
  'abandoned_object',
  'weapon',
  'wrong_way',
  'intrusion',
  'person_down',
  'crowd_movement',
  'crowd_density',
  'fire',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Vigie's object labels (a subset of COCO, named in snake_case). */
export const LABELS = [
  'person',
  'bicycle',
  'car',
  'motorcycle',
  'bus',
  'truck',
  'backpack',
  'handbag',
  'suitcase',
  'knife',
  'baseball_bat',
  'scissors',
  'pistol',
  'rifle',
  'fire',
  'smoke',
] as const;
export type Label = (typeof LABELS)[number];

/** Groups that rules filter on: a track's group is derived from its label. */
export const LABEL_GROUPS = {
  person: ['person'],
  vehicle: ['car', 'bus', 'truck', 'motorcycle', 'bicycle'],
  bag: ['backpack', 'handbag', 'suitcase'],
  weapon: ['knife', 'baseball_bat', 'scissors', 'pistol', 'rifle'],
  fire: ['fire', 'smoke'],
} as const satisfies Record<string, readonly Label[]>;
export type LabelGroup = keyof typeof LABEL_GROUPS;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Axis-aligned box, normalised coordinates, x1 < x2, y1 < y2. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Detection {
  readonly box: Box;
  readonly label: Label;
  readonly score: number;
}

/** A decoded frame: packed RGB24, `width * height * 3` bytes. */
export interface Frame {
  readonly cameraId: string;
  /** Index of the analysed frame since the ingest started (0, 1, 2...). */
  readonly seq: number;
  readonly tMs: number;
  /** Wall-clock time when the frame left the decoder (Date.now()). */
  readonly wallMs: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /**
   * The same picture as a JPEG, for the evidence ring (server/clip-recorder.ts) and the live view,
   * when the ingest was asked for it; resolves undefined if it was never written. Made by the
   * decoder; on a frame whose pixels were changed after decoding (privacy masks: core/frame-mask.ts
   * drops the decoder's), only ever made from the changed pixels (ingest/jpeg-encoder.ts).
   */
  readonly evidence?: Promise<Uint8Array | undefined>;
}

export type TrackState = 'tentative' | 'confirmed' | 'lost';

export interface Track {
  readonly id: number;
  readonly label: Label;
  readonly box: Box;
  readonly score: number;
  readonly state: TrackState;
  /** Estimated velocity of the box centre, normalised units per second. */
  readonly velocity: Point;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
  /** Number of frames in which a detection was matched to this track. */
  readonly hits: number;
}

export type ZoneKind = 'forbidden' | 'flow' | 'crowd' | 'watch';

export interface Zone {
  readonly id: string;
  readonly kind: ZoneKind;
  readonly polygon: readonly Point[];
  /** kind flow: allowed direction of travel (image coordinates, y down), unit length. */
  readonly direction?: Point;
  /** kind crowd: real ground area of the polygon. */
  readonly areaM2?: number;
  /** kind crowd: density above which crowd_density is true. */
  readonly maxPersonsPerM2?: number;
  /** Which label groups the zone applies to (intrusion, wrong_way). Default: person and vehicle. */
  readonly groups?: readonly LabelGroup[];
}

/** What a rule emits: one detected event. The pipeline turns it into an Alert. */
export interface RuleEvent {
  readonly type: EventType;
  readonly tMs: number;
  readonly zoneId?: string;
  readonly trackId?: number;
  readonly box?: Box;
  readonly score: number;
  /** Human-readable reason, e.g. "person in zone tracks for 1.2 s". No personal attribute. */
  readonly message: string;
  /** Measured values behind the event (dwell, angle, count...). Numbers and strings only. */
  readonly details?: Readonly<Record<string, number | string>>;
}

/** A persisted signal for the operator. Says what, where, when; never who. */
export interface Alert extends RuleEvent {
  readonly id: string;
  readonly cameraId: string;
  /** Wall-clock time of the analysed frame that raised it. */
  readonly frameWallMs: number;
  readonly createdAtMs: number;
  readonly snapshotPath?: string;
}

export type CameraStatus =
  | { readonly state: 'connecting'; readonly sinceMs: number }
  | { readonly state: 'running'; readonly sinceMs: number }
  | { readonly state: 'reconnecting'; readonly sinceMs: number; readonly reason: string; readonly attempt: number }
  | { readonly state: 'failed'; readonly sinceMs: number; readonly reason: string }
  | { readonly state: 'ended'; readonly sinceMs: number };
