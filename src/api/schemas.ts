/** Request schemas of the API (bodies, queries, parameters). The camera body is the config's cameraSchema. */
import { z } from 'zod';
import { cameraSchema, eventTypeSchema, sourceSchema } from '../config/schema.ts';
import { USER_ROLES } from '../store/users.ts';

export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'username: letters, digits and _ . @ - only (1-64)')
  .describe('Account name');
export const passwordSchema = z.string().min(8, 'password: at least 8 characters').max(200).describe('Password, at least 8 characters');

export const credentialsSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const setupSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  token: z.string().min(1, 'token: the first-run token printed on the server console').max(100).describe('The one-time first-run token printed on the server console at start'),
});
export const userCreateSchema = z.strictObject({ username: usernameSchema, password: passwordSchema, role: z.enum(USER_ROLES) });

/** A camera as the console sends it: the config schema, plus unique zone ids. */
export const cameraBodySchema = cameraSchema.superRefine((cam, ctx) => {
  const seen = new Set<string>();
  cam.zones.forEach((zone, i) => {
    if (seen.has(zone.id)) ctx.addIssue({ code: 'custom', path: ['zones', i, 'id'], message: `duplicate zone id "${zone.id}"` });
    seen.add(zone.id);
  });
});

export const cameraIdSchema = cameraSchema.shape.id;
export const cameraTestSchema = z.strictObject({ url: sourceSchema });

export const QUALIFY_STATUSES = ['confirmed', 'false_alarm', 'duplicate'] as const;
export const qualifySchema = z.strictObject({
  status: z.enum(QUALIFY_STATUSES).describe('false_alarm is shown as "Doubt lifted"'),
  note: z.string().max(2000).optional(),
});

export const MAX_BULK_QUALIFY = 200;
export const bulkQualifySchema = qualifySchema.extend({
  ids: z.array(z.string().min(1)).min(1).max(MAX_BULK_QUALIFY).describe('The alerts of one queue group'),
});

export const correctSchema = z.strictObject({
  status: z.enum(QUALIFY_STATUSES).describe('The corrected status'),
  note: z.string().trim().min(1, 'a correction needs a note saying why').max(2000),
});

const msSchema = z.coerce.number().int().min(0).describe('Wall-clock time in ms since the epoch');
export const alertsQuerySchema = z.strictObject({
  type: eventTypeSchema.optional(),
  cameraId: cameraIdSchema.optional(),
  status: z.enum(['new', ...QUALIFY_STATUSES]).optional(),
  since: msSchema.optional(),
  until: msSchema.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const journalQuerySchema = z.strictObject({
  since: msSchema.optional(),
  until: msSchema.optional(),
  actor: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(200).optional().describe('An action, or a prefix ending with ".", " " or "/"'),
  before: z.coerce.number().int().min(1).optional().describe('Entries older than this sequence number (paging)'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const journalExportQuerySchema = z.strictObject({
  since: msSchema.optional(),
  until: msSchema.optional(),
  format: z.enum(['ndjson', 'csv']).default('ndjson').describe('ndjson: the records as hashed, then the checkpoints that sign them; csv: RFC 4180, details as JSON in one column'),
});

export const statsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(7),
});

const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'webhook url: an absolute http:// or https:// URL' })
  .max(2000)
  .describe('Where alerts are POSTed');
export const webhookCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  secret: z.string().min(8).max(200).optional().describe('HMAC-SHA256 key; a random one is generated when absent'),
  events: z.array(eventTypeSchema).optional().describe('Event types delivered; all when absent or empty'),
});
