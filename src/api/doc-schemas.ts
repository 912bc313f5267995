/**
 * Response and WebSocket message shapes, as zod schemas for the OpenAPI document. The type
 * checks at the bottom keep them in step with the TypeScript types the server really sends.
 */
import { z } from 'zod';
import { cameraSchema, eventTypeSchema, paramsSchema } from '../config/schema.ts';
import { LABELS } from '../core/types.ts';
import { ALERT_STATUSES } from '../store/types.ts';
import { USER_ROLES } from '../store/users.ts';
import { SYSTEM_ALERT_KINDS } from '../store/system-alerts.ts';
import { DELIVERY_STATES } from '../store/webhooks.ts';
import { API_ERROR_CODES } from './errors.ts';
import { viewingRefusalSchema } from './habilitation-schemas.ts';
import { VIEWING_REASONS } from '../auth/habilitation.ts';

const pointSchema = z.object({ x: z.number(), y: z.number() });
export const boxSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }).describe('Normalised box (0..1)');

export const storedAlertSchema = z.object({
  id: z.string(),
  cameraId: z.string(),
  type: eventTypeSchema,
  tMs: z.number().describe('Camera media time'),
  frameWallMs: z.number().describe('Wall-clock time of the analysed frame'),
  createdAtMs: z.number(),
  zoneId: z.string().optional(),
  trackId: z.number().optional(),
  box: boxSchema.optional(),
  score: z.number(),
  message: z.string(),
  details: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  snapshotPath: z.string().optional(),
  clipPath: z.string().optional(),
  mediaPurged: z.literal(true).optional().describe('Its snapshot and clip were deleted by retention (retention.mediaDays); the alert is kept'),
  status: z.enum(ALERT_STATUSES),
  qualifiedAtMs: z.number().optional(),
  qualifiedBy: z.string().optional(),
  note: z.string().optional(),
  ackSeconds: z.number().optional(),
  stored: z.literal(false).optional().describe('Only in lists: false while the server cannot write it (disk full); kept in memory and stored later'),
});

export const zoneDocSchema = z.object({
  id: z.string(),
  kind: z.enum(['forbidden', 'flow', 'crowd', 'watch']),
  polygon: z.array(pointSchema),
  direction: pointSchema.optional(),
  areaM2: z.number().optional(),
  maxPersonsPerM2: z.number().optional(),
  groups: z.array(z.string()).optional(),
});

export const decisionSchema = z.object({
  seq: z.number(),
  alertId: z.string(),
  atMs: z.number(),
  by: z.string().describe('The account that decided'),
  fromStatus: z.enum(ALERT_STATUSES),
  toStatus: z.enum(ALERT_STATUSES).exclude(['new']),
  note: z.string().optional(),
  correction: z.boolean().describe("A supervisor's change of an earlier decision"),
});

export const alertDetailSchema = storedAlertSchema.extend({
  zone: zoneDocSchema.optional(),
  params: paramsSchema.nullable(),
  decisions: z.array(decisionSchema).describe('Every qualification and correction, oldest first'),
});

export const bulkQualifyResultSchema = z.object({
  qualified: z.array(storedAlertSchema),
  refused: z.array(z.object({ id: z.string(), code: z.string().describe('NOT_FOUND or CONFLICT'), message: z.string() })),
});

export const cameraStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting'), sinceMs: z.number() }),
  z.object({ state: z.literal('running'), sinceMs: z.number() }),
  z.object({ state: z.literal('reconnecting'), sinceMs: z.number(), reason: z.string(), attempt: z.number() }),
  z.object({ state: z.literal('failed'), sinceMs: z.number(), reason: z.string() }),
  z.object({ state: z.literal('ended'), sinceMs: z.number() }),
]);
export const cameraHealthSchema = z
  .object({ level: z.enum(['ok', 'warn', 'bad']), reason: z.string().optional() })
  .describe('ok (green), warn (amber: slow, dropping, reconnecting), bad (red: failed, stalled, ~0 fps, lost)');
export const cameraStatsSchema = z.object({
  fps: z.number().describe('Analysed frames per second over the last seconds'),
  dropped: z.number().describe('Frames dropped before analysis since the camera started'),
  decoded: z.number(),
  restarts: z.number(),
  dropRate: z.number().describe('Share of decoded frames dropped over the last seconds (0..1)'),
  lastFrameMs: z.number().describe('Wall time of the last analysed frame (or of the start, before the first)'),
  health: cameraHealthSchema,
});
export const cameraViewSchema = cameraSchema.extend({ status: cameraStatusSchema, stats: cameraStatsSchema });

export const userSchema = z.object({ username: z.string(), role: z.enum(USER_ROLES) });
export const userInfoSchema = userSchema.extend({
  createdAtMs: z.number(),
  disabledAtMs: z.number().optional().describe('Set while the account is disabled'),
  lastLoginAtMs: z.number().optional().describe('The last sign-in'),
});
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    issues: z.array(z.string()).optional(),
    decided: z
      .object({ status: z.enum(ALERT_STATUSES), by: z.string(), atMs: z.number().optional() })
      .optional()
      .describe('A refused second qualification (409): the decision already taken'),
    reason: z.enum(VIEWING_REASONS).optional().describe('Viewing alerts, their images or live video refused (403): why'),
    habilitation: viewingRefusalSchema.optional(),
  }),
});

export const cameraTestResultSchema = z.union([
  z.object({ ok: z.literal(true), width: z.number(), height: z.number(), snapshot: z.string().describe('data:image/jpeg;base64,...') }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const eventInfoSchema = z.object({
  type: eventTypeSchema,
  description: z.string(),
  zoneKind: z.string().optional(),
  params: z.array(z.object({ key: z.string(), default: z.number(), description: z.string() })),
});

const typeStatsSchema = z.object({
  total: z.number(),
  confirmed: z.number(),
  falseAlarm: z.number(),
  duplicate: z.number(),
  pending: z.number(),
  precision: z.number().nullable(),
});
export const statsSchema = z.object({
  byType: z.record(z.string(), typeStatsSchema),
  byCamera: z.record(z.string(), z.object({ total: z.number() })),
  byDay: z.array(z.object({ day: z.string(), total: z.number(), byType: z.record(z.string(), z.number()) })),
  meanAckSeconds: z.number().nullable(),
  cameraUptime: z.record(z.string(), z.number()),
});

export const journalEntrySchema = z.object({
  seq: z.number().int(),
  atMs: z.number(),
  actor: z.string().optional().describe('The account; absent for the system'),
  action: z.string().describe('"GET /api/alerts/:id" for an API access, or login, login.failed, live.watch, alert.raised, retention.purge...'),
  target: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  hash: z.string().describe('SHA-256 chaining this entry to the one before'),
});
export const journalCheckSchema = z.union([
  z.object({
    ok: z.literal(true),
    entries: z.number(),
    checkpoints: z.number().optional().describe('Signed checkpoints verified with the public key'),
    lastSignedSeq: z.number().optional().describe('The newest entry a checkpoint signs'),
    unsigned: z.number().optional().describe('Entries written since the newest checkpoint (signed within 100 entries or a minute)'),
    key: z.string().optional().describe('Fingerprint of the public key (SHA-256 of the DER key, hex)'),
  }),
  z.object({ ok: z.literal(false), entries: z.number(), brokenAtSeq: z.number(), reason: z.string().describe('The problem in words: "entry 57 missing (deleted)", the first or last entries removed, a chain re-hashed, checkpoints deleted or forged, a replaced key') }),
]);
export const journalPublicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  fingerprint: z.string().describe('SHA-256 of the DER (SPKI) public key, hex: written in every checkpoint'),
  pem: z.string().describe('The public key, PEM (SPKI): `vigie journal verify --public-key FILE`'),
});

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(eventTypeSchema),
  createdAtMs: z.number(),
  warning: z.string().optional().describe('Set when the URL is loopback or link-local: accepted, but probably not what was meant'),
});
export const webhookCreatedSchema = webhookSchema.extend({ secret: z.string() });
export const deliverySchema = z.object({
  id: z.string().describe('Sent as X-Vigie-Delivery, the same at every attempt and re-send: receivers deduplicate on it'),
  event: z.enum(['alert', 'test']),
  alertId: z.string().optional(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().describe('Attempts since it was last queued'),
  nextAtMs: z.number().optional().describe('When the next attempt is due (pending)'),
  lastStatus: z.number().optional(),
  lastError: z.string().optional(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
});
export const deliveryAttemptSchema = z.object({
  alertId: z.string().optional(),
  attempt: z.number(),
  status: z.number().optional().describe('HTTP status of the answer; absent when none came'),
  ok: z.boolean(),
  atMs: z.number(),
  error: z.string().optional(),
});

export const systemAlertSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SYSTEM_ALERT_KINDS),
    target: z.string().optional().describe('The camera (camera_lost), the data folder (disk_low)'),
    message: z.string(),
    raisedAtMs: z.number(),
    clearedAtMs: z.number().optional().describe('Set when the incident is over (the camera runs again...)'),
  })
  .describe('The platform needs the operator: a camera lost, the store unable to write, the disk nearly full');

export const systemHealthSchema = z.object({
  level: z.enum(['ok', 'warn', 'bad']).describe('The worst of the cameras, the store, the disk and (serve --bus) the workers'),
  reasons: z.array(z.string()),
  store: z.object({ ok: z.boolean(), unstoredAlerts: z.number().describe('Alerts kept in memory, not written yet'), reason: z.string().optional() }),
  disk: z.object({ dir: z.string(), level: z.enum(['ok', 'warn', 'bad']), freeBytes: z.number().optional(), error: z.string().optional() }),
  cameras: z.array(z.object({ id: z.string(), level: z.enum(['ok', 'warn', 'bad']), reason: z.string().optional() })),
  systemAlerts: z.array(systemAlertSchema).describe('Open system alerts, oldest first'),
  workers: z
    .array(
      z.object({
        workerId: z.string(),
        host: z.string(),
        level: z.enum(['ok', 'warn', 'bad']).describe('ok: its heartbeat is fresh; warn: silent (stopped, killed or cut off), listed for an hour'),
        reason: z.string().optional(),
        cameras: z.array(z.string()).describe('The cameras its last heartbeat named'),
        startedAtMs: z.number(),
        silentForMs: z.number().describe("Since the console last heard its heartbeat (the console's clock)"),
      }),
    )
    .optional()
    .describe('`serve --bus` only: the analysis nodes heard on the bus, alive first'),
});

const trackSchema = z.object({ id: z.number(), label: z.enum(LABELS), box: boxSchema });
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), cameras: z.array(cameraViewSchema) }),
  z.object({
    type: z.literal('alert'),
    alert: storedAlertSchema,
    stored: z.literal(false).optional().describe('false: the store could not write it (disk full); kept in memory and stored when it can (then alert-updated)'),
  }),
  z.object({ type: z.literal('alert-updated'), alert: storedAlertSchema }),
  z.object({ type: z.literal('camera'), camera: cameraViewSchema }),
  z.object({
    type: z.literal('frame'),
    cameraId: z.string(),
    tMs: z.number(),
    wallMs: z.number(),
    width: z.number(),
    height: z.number(),
    jpeg: z.string().describe('base64 JPEG'),
    tracks: z.array(trackSchema),
    activeAlertIds: z.array(z.string()),
  }),
  z.object({ type: z.literal('pong') }),
  z
    .object({ type: z.literal('live-unavailable'), cameraId: z.string(), reason: z.string() })
    .describe('Why no live image of a camera subscribed to comes: its live view is refused by the legal control (sent at subscription), or (`vigie serve --bus`) no frame came from a worker for a few seconds while watched (sent once per stall); frames follow when they come'),
  z
    .object({ type: z.literal('viewing'), ok: z.boolean(), refusal: viewingRefusalSchema.optional() })
    .describe('Whether this account may view alerts, their images and live video, sent at connection and when it changes; while refused no alert, alert-updated nor frame message is sent and subscriptions are dropped'),
  z
    .object({
      type: z.literal('system-alert'),
      alert: systemAlertSchema,
      stored: z.boolean().describe('false: the store could not write it (disk full); kept in memory and stored when it can'),
    })
    .describe('A system alert raised, or cleared (clearedAtMs set)'),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), cameras: z.array(z.string()).max(64) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
