/**
 * The wire contract of the distributed mode (`vigie worker --bus`, `vigie serve --bus`) on NATS
 * JetStream: stream and bucket names, subjects, timings, and the zod schemas of every message.
 * Everything read from the bus is parsed with these schemas (it crosses a process boundary).
 *
 *  console ──put──► KV vigie-cameras   (key: camera key; value: the camera as it must run, events
 *                                       already narrowed by the legal control; delete = stop)
 *  workers ◄─watch─┘
 *  workers ──CAS──► KV vigie-leases    (key: camera key; value: which worker runs it; renewed)
 *  workers ──put──► KV vigie-workers   (key: worker id; heartbeat)
 *  workers ──pub──► stream VIGIE_ALERTS  vigie.alerts.<camera key>   (Nats-Msg-Id = alert id)
 *  workers ──pub──► stream VIGIE_MEDIA   vigie.media.<alert id>      (clip chunks)
 *  workers ──pub──► stream VIGIE_STATUS  vigie.status.<camera key>   (last one per camera kept)
 *  console ◄─durable consumers on the three streams (ack once stored: a restart replays the rest)
 *  console ──pub──► vigie.live-watch.<camera key>  (core NATS: someone watches; every LIVE_WATCH_MS)
 *  workers ──pub──► vigie.live.<camera key>        (core NATS: analysed frames while watched; not kept)
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LABELS } from '../core/types.ts';
import { cameraSchema, motionGatingSchema } from '../config/schema.ts';
import { boxSchema, storedAlertSchema, cameraStatusSchema } from '../api/doc-schemas.ts';

export const BUCKET_CAMERAS = 'vigie-cameras';
export const BUCKET_LEASES = 'vigie-leases';
export const BUCKET_WORKERS = 'vigie-workers';
export const STREAM_ALERTS = 'VIGIE_ALERTS';
export const STREAM_MEDIA = 'VIGIE_MEDIA';
export const STREAM_STATUS = 'VIGIE_STATUS';

export const SUBJECT_ALERTS = 'vigie.alerts';
export const SUBJECT_MEDIA = 'vigie.media';
export const SUBJECT_STATUS = 'vigie.status';
/** Core NATS (no stream: live frames are not kept). */
export const SUBJECT_LIVE = 'vigie.live';
export const SUBJECT_LIVE_WATCH = 'vigie.live-watch';

/** The console's durable consumer names (one console per bus). */
export const CONSUMER_ALERTS = 'console-alerts';
export const CONSUMER_MEDIA = 'console-media';

/** A worker renews its leases and its heartbeat this often. */
export const RENEW_MS = 2_000;
/**
 * A lease (or a worker heartbeat) whose revision has not changed for this long, as seen by a
 * connected worker, is expired: its camera may be claimed. With RENEW_MS and a 1 s scan, a dead
 * worker's cameras are running elsewhere in about 6-8 s (issue: within 10 s).
 */
export const LEASE_TTL_MS = 6_000;
/** How often a worker looks at the leases. */
export const SCAN_MS = 1_000;
/** How often a worker publishes each of its cameras' status. */
export const STATUS_MS = 1_000;
/** Duplicates (same Nats-Msg-Id) refused by the streams within this window; the console also refuses a known alert id. */
export const DUPLICATE_WINDOW_MS = 60 * 60_000;
/** The console says a camera is watched this often (while a client watches it and the legal control allows live). */
export const LIVE_WATCH_MS = 2_000;
/** A worker publishes a camera's frames while its latest watch message is younger than this. */
export const LIVE_WATCH_TTL_MS = 5_000;
/** A worker publishes at most this many live frames a second per camera (the analysis rate, capped). */
export const LIVE_MAX_FPS = 5;
/** Clips travel in chunks under the server's default max_payload (1 MB). */
export const CLIP_CHUNK_BYTES = 256 * 1024;

/**
 * A camera id as a KV key and subject token: kept when it is already safe (letters, digits, `_`,
 * `-`), else `x` + the hex SHA-256 of the id, truncated (never two ids on one key in practice).
 */
export function busKey(cameraId: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(cameraId)) return cameraId;
  return `x${createHash('sha256').update(cameraId).digest('hex').slice(0, 40)}`;
}

/** What the console puts in vigie-cameras: the camera as it must run now (events narrowed). */
export const cameraAssignmentSchema = z.object({
  camera: cameraSchema,
  /** Analysis rate and width of the console's site config, so every worker analyses alike. */
  analysis: z.object({
    fps: z.number().positive(),
    width: z.number().int().positive(),
    /** The console's analysis.motionGating (absent: the worker's own setting). */
    motionGating: motionGatingSchema.optional(),
  }),
  /** When the console put this version (ms): alert ids of file cameras derive from it. */
  putAtMs: z.number(),
});
export type CameraAssignment = z.infer<typeof cameraAssignmentSchema>;

export const leaseSchema = z.object({ workerId: z.string().min(1), sinceMs: z.number() });
export type Lease = z.infer<typeof leaseSchema>;

export const workerBeatSchema = z.object({
  workerId: z.string().min(1),
  host: z.string(),
  pid: z.number().int(),
  startedAtMs: z.number(),
  atMs: z.number(),
  cameras: z.array(z.string()),
});
export type WorkerBeat = z.infer<typeof workerBeatSchema>;

const busAlertSchema = storedAlertSchema.omit({ status: true, qualifiedAtMs: true, qualifiedBy: true, note: true, ackSeconds: true, clipPath: true, mediaPurged: true, stored: true, snapshotPath: true });

/** One alert on VIGIE_ALERTS; the snapshot JPEG rides along (base64), so alert and image arrive together. */
export const alertMessageSchema = z.object({
  v: z.literal(1),
  workerId: z.string(),
  alert: busAlertSchema,
  snapshotJpegBase64: z.string().optional(),
  /** The detector that raised it (file name, SHA-256), for the console's journal. */
  model: z.object({ name: z.string(), sha256: z.string().optional() }).optional(),
});
export type AlertMessage = z.infer<typeof alertMessageSchema>;

export const cameraStatsSchema = z.object({
  fps: z.number(),
  dropped: z.number(),
  decoded: z.number(),
  restarts: z.number(),
  dropRate: z.number(),
  lastFrameMs: z.number(),
});

/** One camera's status on VIGIE_STATUS (the stream keeps the last per camera). */
export const statusMessageSchema = z.object({
  v: z.literal(1),
  cameraId: z.string(),
  workerId: z.string(),
  atMs: z.number(),
  status: cameraStatusSchema,
  stats: cameraStatsSchema,
});
export type StatusMessage = z.infer<typeof statusMessageSchema>;

/** vigie.live-watch.<camera key>: a console watches this camera (no frame is published without it). */
export const liveWatchSchema = z.object({ v: z.literal(1), cameraId: z.string(), atMs: z.number() });
export type LiveWatch = z.infer<typeof liveWatchSchema>;

/** vigie.live.<camera key>: one analysed (privacy-masked) frame as JPEG, with its confirmed tracks. */
export const liveFrameSchema = z.object({
  v: z.literal(1),
  workerId: z.string(),
  cameraId: z.string(),
  tMs: z.number(),
  wallMs: z.number(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  jpegBase64: z.string().min(1),
  tracks: z.array(z.object({ id: z.number().int(), label: z.enum(LABELS), box: boxSchema })).max(1000),
});
export type LiveFrame = z.infer<typeof liveFrameSchema>;

/**
 * Headers of a clip chunk on VIGIE_MEDIA (the data is the chunk's bytes). The clip is complete when
 * chunks 0..count-1 of one clip id are in; it belongs to every alert listed.
 */
export const CLIP_HEADERS = {
  clipId: 'Vigie-Clip-Id',
  index: 'Vigie-Chunk',
  count: 'Vigie-Chunks',
  alertIds: 'Vigie-Alert-Ids',
  cameraId: 'Vigie-Camera-Id',
  sha256: 'Vigie-Clip-Sha256',
} as const;

/** Parses a bus message with its schema; a bad one is an error naming the subject, never a crash. */
export function parseBusMessage<T>(schema: z.ZodType<T>, subject: string, data: Uint8Array): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch (err) {
    return { ok: false, error: `${subject}: not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, error: `${subject}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` };
  return { ok: true, value: r.data };
}
