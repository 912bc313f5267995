/**
 * The alert sink as the cameras of `vigie serve` see it: an alert is raised only under an
 * authorisation in force that lists its type (none in flight slips out after an expiry, a
 * revocation or a kill switch), and records that authorisation's reference in its details
 * (`details.authorisation`). A refused one is journaled (`alert.refused`) and never stored.
 */
import type { AlertSink } from '../alerts/sink.ts';
import { VigieError } from '../core/errors.ts';
import type { JournalInput } from '../store/journal.ts';
import type { LegalControl } from './control.ts';

/** The detail key that carries the authorisation reference. */
export const AUTHORISATION_DETAIL = 'authorisation';

export function gateAlerts(sink: Pick<AlertSink, 'emit'>, legal: Pick<LegalControl, 'alertVerdict'>, record: (e: JournalInput) => void, nowMs: () => number = Date.now): Pick<AlertSink, 'emit'> {
  return {
    emit: async (event, ctx) => {
      const verdict = legal.alertVerdict(ctx.cameraId, event.type);
      if (!verdict.ok) {
        record({ atMs: nowMs(), action: 'alert.refused', target: ctx.cameraId, details: { type: event.type, detail: verdict.detail } });
        throw new VigieError('NOT_AUTHORISED', `not raised: ${verdict.detail}`);
      }
      if (verdict.reference === undefined) return sink.emit(event, ctx);
      return sink.emit({ ...event, details: { ...event.details, [AUTHORISATION_DETAIL]: verdict.reference } }, ctx);
    },
  };
}
