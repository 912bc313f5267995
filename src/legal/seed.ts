/**
 * Authorisations recorded by the server itself at start: the `--demo` one (clearly labelled, no
 * legal value) and those of test set-ups. One is recorded, and journaled as the system's, unless
 * an authorisation with the same reference is in force or to come.
 */
import type { CameraConfig } from '../config/schema.ts';
import { EVENT_TYPES } from '../core/types.ts';
import type { AuthorisationInput } from '../store/authorisations.ts';
import type { LegalControl } from './control.ts';

export const DEMO_REFERENCE = 'DÉMONSTRATION';
const DEMO_DAYS = 30;

export async function seedAuthorisations(legal: Pick<LegalControl, 'list' | 'create'>, inputs: readonly AuthorisationInput[], logger: { info(m: string): void }): Promise<void> {
  for (const input of inputs) {
    const current = legal.list().some((a) => a.reference === input.reference && (a.state === 'in_force' || a.state === 'not_started'));
    if (current) continue;
    const a = await legal.create(input, undefined);
    logger.info(`authorisation ${a.reference}${a.demo ? ' (demonstration, no legal value)' : ''} recorded for ${a.cameraIds.join(', ')} until ${new Date(a.endMs).toISOString()}`);
  }
}

/** `vigie serve --demo`: a demonstration authorisation for the demo cameras, their events, 30 days from now. */
export function demoAuthorisation(cameras: readonly CameraConfig[], nowMs: number): AuthorisationInput[] {
  if (cameras.length === 0) return [];
  const listed = new Set(cameras.flatMap((c) => c.events));
  return [
    {
      reference: DEMO_REFERENCE,
      authority: 'Vigie --demo (démonstration, sans valeur légale)',
      perimeter: 'Caméras de démonstration rejouant les clips de ../shared/data ; aucune caméra réelle',
      cameraIds: cameras.map((c) => c.id),
      events: EVENT_TYPES.filter((e) => listed.has(e)),
      startMs: nowMs,
      endMs: nowMs + DEMO_DAYS * 86_400_000,
      demo: true,
    },
  ];
}
