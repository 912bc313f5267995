/** Queries, bodies and answers of the evaluation report and missed-event routes (routes/report.ts, routes/missed-events.ts). */
import { z } from 'zod';
import { eventTypeSchema } from '../config/schema.ts';
import { parseDay, REPORT_FORMATS } from '../report/report.ts';
import { cameraIdSchema } from './schemas.ts';

const day = (what: string) =>
  z
    .string()
    .refine((s) => parseDay(s) !== undefined, `${what}: a date YYYY-MM-DD`)
    .transform((s) => parseDay(s) ?? 0)
    .describe(`${what}: a day YYYY-MM-DD (from its UTC midnight)`);

export const reportQuerySchema = z
  .strictObject({
    from: day('from'),
    to: day('to').describe('End of the period (excluded): a day YYYY-MM-DD'),
    format: z.enum(REPORT_FORMATS).default('json').describe('json: the indicators; html: the printable report (self-contained); csv: RFC 4180, one table with a section column'),
  })
  .refine((q) => q.from < q.to, { path: ['to'], message: 'to: must come after from' });

const msSchema = z.coerce.number().int().min(0);

export const missedEventsQuerySchema = z.strictObject({
  since: msSchema.optional().describe('Events at or after (ms since 1970; default 0)'),
  until: msSchema.optional().describe('Events before (ms since 1970; default now)'),
});

export const missedEventSchema = z.strictObject({
  cameraId: cameraIdSchema,
  type: eventTypeSchema,
  atMs: z.number().int().nonnegative().describe('Approximate time of the event (ms since 1970)'),
  note: z.string().trim().max(1000).optional().describe('What happened'),
});

export const missedEventDocSchema = z.object({
  id: z.string(),
  cameraId: z.string(),
  type: z.string(),
  atMs: z.number(),
  declaredBy: z.string(),
  declaredAtMs: z.number(),
  note: z.string().optional(),
});

const eventIndicatorsSchema = z.object({
  type: z.string(),
  signals: z.number(),
  confirmed: z.number(),
  falseAlarms: z.number(),
  duplicates: z.number(),
  pending: z.number(),
  precision: z.number().optional(),
  meanAckMs: z.number().optional(),
  p95AckMs: z.number().optional(),
  missed: z.number(),
});

const outageSchema = z.object({ count: z.number(), totalMs: z.number() });

export const reportDocSchema = z.object({
  fromMs: z.number(),
  toMs: z.number(),
  generatedAtMs: z.number(),
  cameras: z.object({ analysed: z.number(), hours: z.number(), perCamera: z.array(z.object({ cameraId: z.string(), hours: z.number() })) }),
  events: z.array(eventIndicatorsSchema),
  totals: eventIndicatorsSchema,
  outages: z.object({ failed: outageSchema, reconnecting: outageSchema, systemAlerts: z.record(z.string(), z.number()) }),
  people: z.object({ accounts: z.number(), habilitated: z.number(), withdrawn: z.number(), trainingMissing: z.number() }),
  authorisations: z
    .object({ list: z.array(z.record(z.string(), z.unknown())), killSwitches: z.array(z.record(z.string(), z.unknown())) })
    .optional()
    .describe('Absent: not recorded'),
  journal: z.object({ ok: z.boolean(), entries: z.number(), lastSignedSeq: z.number().optional(), brokenAtSeq: z.number().optional(), reason: z.string().optional() }),
});
