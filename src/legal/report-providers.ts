/** The authorisations and kill switches as the evaluation report lists them (src/report), read from their store. */
import type { ReportProviders } from '../report/report.ts';
import type { AuthorisationStore } from '../store/authorisations.ts';

/** Kill switches listed by the report: the most recent ones, enough for any reporting period in practice. */
const KILL_SWITCHES_LISTED = 10_000;

export function reportProviders(store: Pick<AuthorisationStore, 'list' | 'killSwitches'>): Required<ReportProviders> {
  return {
    authorisations: () =>
      store.list().map((a) => ({
        reference: a.reference, // a demo authorisation's reference is DÉMONSTRATION (src/legal/seed.ts)
        authority: a.authority,
        startMs: a.startMs,
        endMs: a.endMs,
        cameraIds: a.cameraIds,
        eventTypes: a.events,
        ...(a.revokedAtMs !== undefined ? { revoked: true } : {}),
      })),
    killSwitches: () =>
      store.killSwitches(KILL_SWITCHES_LISTED).map((k) => ({
        scope: k.scope,
        ...(k.targetId !== undefined ? { target: k.targetId } : {}),
        engagedAtMs: k.engagedAtMs,
        engagedBy: k.engagedBy,
        why: k.engagedWhy,
        ...(k.releasedAtMs !== undefined ? { releasedAtMs: k.releasedAtMs } : {}),
      })),
  };
}
