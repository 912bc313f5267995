/**
 * What the evaluation report is computed from (read from the store by source.ts) and what it holds.
 * Authorisations and kill switches come from an optional provider: without one the report says
 * they were not recorded.
 */
import type { Habilitation, Training } from '../auth/habilitation.ts';
import type { StatusEntry } from '../store/status-log.ts';

export type AlertStatus = 'new' | 'confirmed' | 'false_alarm' | 'duplicate';

export interface ReportAlert {
  readonly cameraId: string;
  readonly type: string;
  readonly status: AlertStatus;
  readonly createdAtMs: number;
  /** The first decision on it (an acknowledgement); absent while pending. */
  readonly firstDecisionAtMs?: number;
}

export interface ReportAuthorisation {
  readonly reference: string;
  readonly authority: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly cameraIds: readonly string[];
  readonly eventTypes: readonly string[];
  readonly revoked?: boolean;
}

export interface ReportKillSwitch {
  readonly scope: string;
  readonly target?: string;
  readonly engagedAtMs: number;
  readonly engagedBy: string;
  readonly why: string;
  readonly releasedAtMs?: number;
}

/** The journal's verdict, as printed in the report. */
export interface ReportJournalState {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastSignedSeq?: number;
  readonly brokenAtSeq?: number;
  readonly reason?: string;
}

export interface ReportInput {
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedAtMs: number;
  readonly alerts: readonly ReportAlert[];
  readonly missed: readonly { readonly cameraId: string; readonly type: string; readonly atMs: number }[];
  /** Each camera's status entries of the period, preceded by its last one before (StatusLog.window). */
  readonly statusHistory: readonly { readonly cameraId: string; readonly entries: readonly StatusEntry[] }[];
  readonly systemAlerts: readonly { readonly kind: string; readonly raisedAtMs: number }[];
  readonly accounts: readonly { readonly username: string; readonly role: string }[];
  readonly habilitations: readonly Habilitation[];
  readonly trainings: readonly Training[];
  readonly journal: ReportJournalState;
  readonly authorisations?: () => readonly ReportAuthorisation[];
  readonly killSwitches?: () => readonly ReportKillSwitch[];
}

export interface EventIndicators {
  readonly type: string;
  readonly signals: number;
  readonly confirmed: number;
  readonly falseAlarms: number;
  readonly duplicates: number;
  readonly pending: number;
  /** confirmed / (confirmed + false alarms); undefined when neither. */
  readonly precision?: number;
  /** Time from the signal to its first decision, over the decided ones. */
  readonly meanAckMs?: number;
  readonly p95AckMs?: number;
  readonly missed: number;
}

export interface Outage {
  readonly count: number;
  readonly totalMs: number;
}

export interface Report {
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedAtMs: number;
  readonly cameras: { readonly analysed: number; readonly hours: number; readonly perCamera: readonly { readonly cameraId: string; readonly hours: number }[] };
  readonly events: readonly EventIndicators[];
  readonly totals: EventIndicators;
  readonly outages: { readonly failed: Outage; readonly reconnecting: Outage; readonly systemAlerts: Readonly<Record<string, number>> };
  readonly people: { readonly accounts: number; readonly habilitated: number; readonly withdrawn: number; readonly trainingMissing: number };
  /** undefined: not recorded (no provider). */
  readonly authorisations?: { readonly list: readonly ReportAuthorisation[]; readonly killSwitches: readonly ReportKillSwitch[] };
  readonly journal: ReportJournalState;
}
