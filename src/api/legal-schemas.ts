/** Request and response shapes of the legal routes (routes/authorisations.ts, routes/killswitch.ts). */
import { z } from 'zod';
import { eventTypeSchema } from '../config/schema.ts';
import { AUTHORISATION_STATES, KILL_SCOPES, REFUSAL_REASONS } from '../legal/types.ts';
import { cameraIdSchema } from './schemas.ts';

const unique = <T>(list: readonly T[]): boolean => new Set(list).size === list.length;
const whySchema = z.string().trim().min(1, 'why: say why (it is journaled)').max(2000).describe('Why: journaled with who and when');
const msSchema = z.number().int().min(0).describe('Wall-clock time in ms since the epoch');

export const authorisationBodySchema = z
  .strictObject({
    reference: z.string().trim().min(1, 'reference: the reference of the order').max(200).describe("The order's reference, e.g. arrêté n° 2025-0142"),
    authority: z.string().trim().min(1, 'authority: who issued the order').max(200).describe('Who issued it, e.g. Préfecture de police'),
    perimeter: z.string().trim().max(2000).default('').describe('The perimeter, as written in the order'),
    cameraIds: z.array(cameraIdSchema).min(1, 'cameraIds: at least one camera').max(1000).refine(unique, 'cameraIds: each camera once').describe('The cameras it covers (existing or to be added)'),
    events: z.array(eventTypeSchema).min(1, 'events: at least one event type').refine(unique, 'events: each event type once').describe('The event types it authorises'),
    startMs: msSchema.describe('In force from (included)'),
    endMs: msSchema.describe('In force until (excluded)'),
  })
  .refine((b) => b.endMs > b.startMs, { path: ['endMs'], message: 'endMs: the window must end after it starts' });

export const revokeBodySchema = z.strictObject({ why: whySchema });

export const killSwitchBodySchema = z
  .strictObject({
    scope: z.enum(KILL_SCOPES).describe('global: every camera; authorisation: the cameras of one authorisation; camera: one camera'),
    target: z.string().min(1).max(200).optional().describe('The authorisation id or the camera id; absent for global'),
    why: whySchema,
  })
  .refine((b) => (b.scope === 'global') === (b.target === undefined), { path: ['target'], message: 'target: required for an authorisation or a camera, absent for global' });

export const releaseBodySchema = z.strictObject({ why: whySchema });

export const killSwitchSchema = z.object({
  id: z.string(),
  scope: z.enum(KILL_SCOPES),
  targetId: z.string().optional(),
  engagedAtMs: z.number(),
  engagedBy: z.string(),
  engagedWhy: z.string(),
  releasedAtMs: z.number().optional(),
  releasedBy: z.string().optional(),
  releasedWhy: z.string().optional(),
});

export const authorisationSchema = z.object({
  id: z.string(),
  reference: z.string(),
  authority: z.string(),
  perimeter: z.string(),
  cameraIds: z.array(z.string()),
  events: z.array(eventTypeSchema),
  startMs: z.number(),
  endMs: z.number(),
  demo: z.boolean().describe('Recorded by vigie serve --demo: no legal value'),
  createdAtMs: z.number(),
  createdBy: z.string(),
  updatedAtMs: z.number(),
  updatedBy: z.string(),
  revokedAtMs: z.number().optional(),
  revokedBy: z.string().optional(),
  revokedWhy: z.string().optional(),
});

export const authorisationViewSchema = authorisationSchema.extend({
  state: z.enum(AUTHORISATION_STATES).describe('Now: in force, not started yet, expired or revoked'),
  killed: z.boolean().describe('Its kill switch is engaged'),
});

export const legalStateSchema = z.object({
  required: z.boolean().describe('legal.requireAuthorisation; false: only the kill switches apply'),
  nowMs: z.number(),
  cameras: z.array(
    z.object({
      cameraId: z.string(),
      ok: z.boolean().describe('Analysed (may be) now'),
      reason: z.enum([...REFUSAL_REASONS, 'events_not_authorised']).optional(),
      detail: z.string().optional().describe('Why, in words (English)'),
      authorisation: authorisationSchema.pick({ id: true, reference: true, authority: true, demo: true, startMs: true, endMs: true }).optional(),
      inForce: z.array(z.string()).describe('References of the authorisations in force for it'),
      events: z.array(eventTypeSchema).optional().describe('The event types authorised now (absent when none is required)'),
      atMs: z.number().optional().describe('When it starts (not_started) or ended (expired, revoked)'),
      killSwitch: killSwitchSchema.optional(),
    }),
  ),
  killSwitches: z.array(killSwitchSchema).describe('Engaged'),
  nextChangeMs: z.number().optional().describe('When an authorisation starts or ends next'),
});
