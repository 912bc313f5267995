/**
 * The `retention` block of the site config: how long `vigie serve` keeps each kind of data. Each
 * duration has a ceiling set by the law (or, where the law gives no figure, by Vigie, said so),
 * and a config above it is refused with the ceiling and its basis (docs/legal.md, "Retention").
 * The old single `retention.days` is still read, with a warning, as the media and signal
 * durations, each lowered to its ceiling. Pure (shared with the console).
 */
import { z } from 'zod';

export interface RetentionBound {
  /** Days kept when the config says nothing. */
  readonly defaultDays: number;
  readonly minDays: number;
  readonly maxDays: number;
  /** Why the ceiling (and the floor, for the journal) is where it is: said when a config is refused. */
  readonly basis: string;
}

/** The kinds and their bounds. The legal text behind each is in docs/legal.md, "Retention". */
export const RETENTION_BOUNDS = {
  /** Evidence media: snapshots and clips. */
  mediaDays: {
    defaultDays: 30,
    minDays: 1,
    maxDays: 30,
    basis: 'video recordings are destroyed within one month at most, art. L252-5 of the Code de la sécurité intérieure',
  },
  /** Signals: alert rows and their decisions, system alerts, camera status history, webhook deliveries. */
  signalsDays: {
    defaultDays: 365,
    minDays: 1,
    maxDays: 365,
    basis: 'Vigie keeps signals 12 months at most (storage limitation, GDPR art. 5(1)(e); no longer figure is set for them by the framework)',
  },
  /** The journal: accesses, decisions, changes, purges. */
  journalDays: {
    defaultDays: 1095,
    minDays: 183,
    maxDays: 1095,
    basis: 'the AI Act (art. 19 and 26(6)) requires the logs to be kept six months at least; Vigie keeps them 3 years at most',
  },
} as const satisfies Record<string, RetentionBound>;

export type RetentionKind = keyof typeof RETENTION_BOUNDS;

/** The retention a server applies. */
export interface RetentionPolicy {
  readonly mediaDays: number;
  readonly signalsDays: number;
  readonly journalDays: number;
  /** The deprecated `retention.days` when the config still has it (a warning at start). */
  readonly legacyDays?: number;
}

function daysSchema(kind: RetentionKind, description: string): z.ZodOptional<z.ZodNumber> {
  const b: RetentionBound = RETENTION_BOUNDS[kind];
  return z
    .number()
    .int()
    .min(b.minDays, { error: `at least ${b.minDays} days: ${b.basis}` })
    .max(b.maxDays, { error: `at most ${b.maxDays} days: ${b.basis}` })
    .optional()
    .describe(`${description} (default ${b.defaultDays}, ${b.minDays}-${b.maxDays})`);
}

/** The retention of one kind: the key when set, else the old `days` lowered to the ceiling, else the default. */
function resolved(kind: RetentionKind, days: number | undefined, legacyDays: number | undefined): number {
  const b = RETENTION_BOUNDS[kind];
  if (days !== undefined) return days;
  return legacyDays === undefined ? b.defaultDays : Math.min(legacyDays, b.maxDays);
}

export const retentionSchema = z
  .strictObject({
    mediaDays: daysSchema('mediaDays', 'vigie serve deletes the snapshots and clips of alerts older than this, hourly; the alert itself stays (its image shows as purged)'),
    signalsDays: daysSchema('signalsDays', 'vigie serve deletes alerts and their decisions, closed system alerts, the webhook delivery log and the camera status history older than this, hourly'),
    journalDays: daysSchema('journalDays', 'vigie serve deletes journal entries older than this, hourly'),
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Deprecated: read as mediaDays and signalsDays (each at most its ceiling) when those are not set'),
  })
  .prefault({})
  .transform(
    (r): RetentionPolicy => ({
      mediaDays: resolved('mediaDays', r.mediaDays, r.days),
      signalsDays: resolved('signalsDays', r.signalsDays, r.days),
      journalDays: resolved('journalDays', r.journalDays, undefined),
      ...(r.days !== undefined ? { legacyDays: r.days } : {}),
    }),
  );

/** What the server says at start about the config's retention: the deprecated key, how it was read. */
export function retentionWarnings(p: RetentionPolicy): string[] {
  if (p.legacyDays === undefined) return [];
  return [
    `retention.days (${p.legacyDays}) is deprecated; it stands for mediaDays and signalsDays where they are not set,` +
      ` each lowered to its ceiling (media ${RETENTION_BOUNDS.mediaDays.maxDays}, signals ${RETENTION_BOUNDS.signalsDays.maxDays} days):` +
      ` media kept ${p.mediaDays} days, signals ${p.signalsDays} days; write retention.mediaDays and retention.signalsDays instead`,
  ];

}
