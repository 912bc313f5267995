/** Bodies and answers of the habilitation routes (src/api/routes/habilitation.ts), and the refusal the API and WebSocket send. */
import { z } from 'zod';
import { TRAINING_KINDS, VIEWING_REASONS } from '../auth/habilitation.ts';
import { USER_ROLES } from '../store/users.ts';

const text = (max: number, what: string) => z.string().trim().min(1, `${what}: required`).max(max);
const dateMs = z.number().int().nonnegative();

export const habilitationGrantSchema = z
  .strictObject({
    authority: text(200, 'authority').describe('Who habilitated: the authority (a prefect, a mayor, the head of the service)'),
    reference: text(200, 'reference').describe('The reference of the habilitation decision'),
    grantedAtMs: dateMs.describe('Date of the decision (ms since 1970): valid from then'),
    expiresAtMs: dateMs.optional().describe('No longer valid from then'),
  })
  .refine((b) => b.expiresAtMs === undefined || b.expiresAtMs > b.grantedAtMs, { path: ['expiresAtMs'], message: 'expiresAtMs: must come after grantedAtMs' });

export const withdrawSchema = z.strictObject({ why: text(500, 'why').describe('Why it is withdrawn (journaled, shown to the account)') });

export const trainingSchema = z.strictObject({
  kind: z.enum(TRAINING_KINDS).describe('data_protection or tool_use: both are needed'),
  atMs: dateMs.describe('When it was followed (ms since 1970): it counts from then'),
  trainer: text(200, 'trainer').describe('The trainer or the training organisation'),
  reference: text(200, 'reference').optional().describe('A certificate or session reference'),
});

export const withdrawalDocSchema = z.object({ atMs: z.number(), by: z.string(), why: z.string() });

export const viewingRefusalSchema = z
  .object({
    reason: z.enum(VIEWING_REASONS),
    withdrawn: withdrawalDocSchema.optional().describe('habilitation_withdrawn: when, by whom, why'),
    expiredAtMs: z.number().optional().describe('habilitation_expired: since when'),
    missing: z.array(z.enum(TRAINING_KINDS)).optional().describe('training_missing: the trainings not recorded'),
  })
  .describe('Why this account may not view alerts, their images and live video');

export const habilitationDocSchema = z.object({
  username: z.string(),
  authority: z.string(),
  reference: z.string(),
  grantedAtMs: z.number(),
  expiresAtMs: z.number().optional(),
  recordedAtMs: z.number(),
  recordedBy: z.string(),
  withdrawn: withdrawalDocSchema.optional(),
});

export const trainingDocSchema = z.object({
  id: z.number(),
  username: z.string(),
  kind: z.enum(TRAINING_KINDS),
  atMs: z.number(),
  trainer: z.string(),
  reference: z.string().optional(),
  recordedAtMs: z.number(),
  recordedBy: z.string(),
});

export const viewingVerdictSchema = viewingRefusalSchema.extend({ reason: z.enum(VIEWING_REASONS).optional(), ok: z.boolean() }).describe('ok, or why not (the fields of the refusal)');

export const habilitationStateSchema = z.object({
  username: z.string(),
  role: z.enum(USER_ROLES),
  habilitation: habilitationDocSchema.nullable(),
  trainings: z.array(trainingDocSchema).describe('Oldest first'),
  viewing: viewingVerdictSchema.describe('Whether the account may view alerts, their images and live video now'),
});
