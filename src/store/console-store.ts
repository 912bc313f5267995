/**
 * Everything the console keeps, over one SQLite connection: alerts (with qualification and clips),
 * the history of decisions on alerts, accounts, sessions, cameras, webhooks and their deliveries,
 * camera status history, the journal (signed with the data folder's key, journal-key.ts),
 * statistics.
 */
import { openDatabaseDir, createAlertStore } from './store.ts';
import type { Store } from './types.ts';
import { createUserStore, type UserStore } from './users.ts';
import { createSessionStore, type SessionStore } from './sessions.ts';
import { createCameraStore, type CameraStore } from './cameras.ts';
import { createWebhookStore, type WebhookStore } from './webhooks.ts';
import { createStatusLog, type StatusLog } from './status-log.ts';
import { createStatsQuery, type DashboardStats, type StatsQuery } from './stats.ts';
import { createJournal, type Journal } from './journal.ts';
import { loadOrCreateSigningKey } from './journal-key.ts';
import { createDecisionStore, type DecisionStore } from './decisions.ts';
import { createSystemAlertStore, type SystemAlertStore } from './system-alerts.ts';
import { createHabilitationStore, type HabilitationStore } from './habilitations.ts';
import { createAuthorisationStore, type AuthorisationStore } from './authorisations.ts';
import { createMissedEventStore, type MissedEventStore } from './missed-events.ts';
import { readReportData, type ReportData } from '../report/source.ts';

export interface ConsoleStore {
  readonly alerts: Store;
  /** Qualifications and corrections of alerts, with their history (use this, not alerts.qualifyAlert). */
  readonly decisions: DecisionStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly cameras: CameraStore;
  readonly webhooks: WebhookStore;
  readonly statusLog: StatusLog;
  readonly journal: Journal;
  readonly systemAlerts: SystemAlertStore;
  /** Who may view alerts and live video: habilitations and trainings (decree 2023-828). */
  readonly habilitations: HabilitationStore;
  /** Authorisations (prefectoral orders) and kill switches. */
  readonly authorisations: AuthorisationStore;
  /** Events the system missed, declared by operators and supervisors (the evaluation report). */
  readonly missedEvents: MissedEventStore;
  /** What the evaluation report of [fromMs, toMs) is computed from (src/report). */
  reportData(fromMs: number, toMs: number): ReportData;
  stats(q: StatsQuery): DashboardStats;
  /** Signs the journal's head (a clean stop) and closes the database (idempotent). */
  close(): void;
}

export function openConsoleStore(opts: { dir: string }): ConsoleStore {
  const opened = openDatabaseDir(opts.dir);
  const { db } = opened;
  const alerts = createAlertStore(opened);
  const statusLog = createStatusLog(db);
  let journal: Journal;
  try {
    journal = createJournal(db, { signer: loadOrCreateSigningKey(opened.dir) });
  } catch (err) {
    alerts.close();
    throw err;
  }
  return {
    alerts,
    decisions: createDecisionStore(db, journal),
    users: createUserStore(db),
    sessions: createSessionStore(db),
    cameras: createCameraStore(db),
    webhooks: createWebhookStore(db),
    statusLog,
    journal,
    systemAlerts: createSystemAlertStore(db),
    habilitations: createHabilitationStore(db),
    authorisations: createAuthorisationStore(db),
    missedEvents: createMissedEventStore(db),
    reportData: (fromMs, toMs) => readReportData(db, fromMs, toMs),
    stats: createStatsQuery(db, statusLog),
    close: () => {
      if (!db.open) return;
      try {
        journal.checkpoint();
      } finally {
        alerts.close();
      }
    },
  };
}
