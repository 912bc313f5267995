/**
 * The workers' alerts (VIGIE_ALERTS) taken into the console: each message is parsed, refused when
 * its alert id is known already (the stream dedups by message id within its window, the store by
 * alert id for ever), gated by the legal control as the local cameras' alerts are (refused:
 * journaled alert.refused, dropped; else the authorisation reference in its details), then stored
 * with its snapshot through the sink, which tells the same listeners as for a local alert. The
 * message is acknowledged only once the store took the alert (or the reliability buffer kept it):
 * a console stopped in between reads it again at its next start.
 */
import type { JsMsg } from '@nats-io/jetstream';
import type { Alert } from '../core/types.ts';
import type { AlertSink } from '../alerts/sink.ts';
import type { LegalControl } from '../legal/control.ts';
import { AUTHORISATION_DETAIL } from '../legal/alert-gate.ts';
import type { JournalInput } from '../store/journal.ts';
import type { Logger } from '../server/log.ts';
import { alertMessageSchema, parseBusMessage, type AlertMessage } from './protocol.ts';

export interface AlertIntakeOptions {
  readonly sink: Pick<AlertSink, 'accept'>;
  readonly legal: Pick<LegalControl, 'alertVerdict'>;
  /** A journalWriter (never throws). */
  readonly record: (e: JournalInput) => void;
  /** Whether this alert id is stored already (or kept for the store). */
  readonly known: (alertId: string) => boolean;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

export type AlertOutcome = 'stored' | 'duplicate' | 'refused' | 'malformed';

export interface AlertIntake {
  /** Takes one message; throws only when the sink failed (then the message must come again). */
  take(subject: string, data: Uint8Array): Promise<AlertOutcome>;
  counts(): Readonly<Record<AlertOutcome, number>>;
}

/** The bus alert as the core type (optional fields left out rather than undefined). */
export function toCoreAlert(a: AlertMessage['alert'], details: Alert['details']): Alert {
  return {
    id: a.id,
    cameraId: a.cameraId,
    type: a.type,
    tMs: a.tMs,
    frameWallMs: a.frameWallMs,
    createdAtMs: a.createdAtMs,
    ...(a.zoneId !== undefined ? { zoneId: a.zoneId } : {}),
    ...(a.trackId !== undefined ? { trackId: a.trackId } : {}),
    ...(a.box !== undefined ? { box: a.box } : {}),
    score: a.score,
    message: a.message,
    ...(details !== undefined ? { details } : {}),
  };
}

export function createAlertIntake(opts: AlertIntakeOptions): AlertIntake {
  const now = opts.nowMs ?? Date.now;
  const counts: Record<AlertOutcome, number> = { stored: 0, duplicate: 0, refused: 0, malformed: 0 };
  const take = async (subject: string, data: Uint8Array): Promise<AlertOutcome> => {
    const parsed = parseBusMessage(alertMessageSchema, subject, data);
    if (!parsed.ok) {
      opts.logger.error(`bus alert message dropped: ${parsed.error}`);
      return 'malformed';
    }
    const { alert, snapshotJpegBase64, model } = parsed.value;
    if (opts.known(alert.id)) return 'duplicate';
    const verdict = opts.legal.alertVerdict(alert.cameraId, alert.type);
    if (!verdict.ok) {
      opts.record({ atMs: now(), action: 'alert.refused', target: alert.cameraId, details: { type: alert.type, detail: verdict.detail, alertId: alert.id, workerId: parsed.value.workerId } });
      return 'refused';
    }
    const details = verdict.reference === undefined ? alert.details : { ...alert.details, [AUTHORISATION_DETAIL]: verdict.reference };
    const snapshotJpeg = snapshotJpegBase64 ? Buffer.from(snapshotJpegBase64, 'base64') : undefined;
    await opts.sink.accept(toCoreAlert(alert, details), { ...(snapshotJpeg ? { snapshotJpeg } : {}), ...(model ? { model } : {}) });
    return 'stored';
  };
  return {
    async take(subject, data) {
      const outcome = await take(subject, data);
      counts[outcome] += 1;
      return outcome;
    },
    counts: () => ({ ...counts }),
  };
}

/** Acknowledges a message by its outcome: a malformed one is terminated (never delivered again). */
export async function handleAlertMsg(intake: AlertIntake, m: Pick<JsMsg, 'subject' | 'data' | 'ack' | 'term'>): Promise<AlertOutcome> {
  const outcome = await intake.take(m.subject, m.data);
  if (outcome === 'malformed') m.term('malformed alert message');
  else m.ack();
  return outcome;
}
