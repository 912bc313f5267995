/**
 * The journal in words: each action code the server writes (`alert.raised`, `login.failed`, or an
 * API access `GET /api/alerts/:id/snapshot.jpg`) and each detail it records, from the catalogue
 * (group "journal"). An unknown code (a newer server) shows as itself.
 */
import type { MessageKey } from '../i18n/catalog.ts';
import type { Translate } from '../i18n/translator.ts';
import type { Formatters } from '../i18n/format.ts';
import { ALERT_STATUSES, type AlertStatus } from '../../../src/store/types.ts';
import { eventLabel, statusLabel } from './labels.ts';
import { isRole, roleLabel } from './role-words.ts';

type JournalKey = Extract<MessageKey, `journal.${string}`>;
type DetailKey = Extract<MessageKey, `journal.det_${string}`>;

const ACTIONS: Readonly<Record<string, JournalKey>> = {
  login: 'journal.act_login',
  'login.failed': 'journal.act_loginFailed',
  'live.connect': 'journal.act_liveConnect',
  'live.watch': 'journal.act_liveWatch',
  'live.disconnect': 'journal.act_liveDisconnect',
  'alert.raised': 'journal.act_alertRaised',
  'alert.qualify': 'journal.act_alertQualify',
  'alert.correct': 'journal.act_alertCorrect',
  'account.role': 'journal.act_accountRole',
  'account.disabled': 'journal.act_accountDisabled',
  'account.enabled': 'journal.act_accountEnabled',
  'account.password-reset': 'journal.act_passwordReset',
  'account.password-change-refused': 'journal.act_passwordChangeRefused',
  'account.password-changed': 'journal.act_passwordChanged',
  'webhook.resend': 'journal.act_webhookResend',
  'retention.purge': 'journal.act_retentionPurge',
  'disk.level': 'journal.act_diskLevel',
  'system.raised': 'journal.act_systemRaised',
  'system.cleared': 'journal.act_systemCleared',
  'alert.refused': 'journal.act_alertRefused',
  'alerts.rescued': 'journal.act_alertsRescued',
  'authorisation.create': 'journal.act_authorisationCreate',
  'authorisation.update': 'journal.act_authorisationUpdate',
  'authorisation.revoke': 'journal.act_authorisationRevoke',
  'authorisation.expired': 'journal.act_authorisationExpired',
  'killswitch.engage': 'journal.act_killswitchEngage',
  'killswitch.release': 'journal.act_killswitchRelease',
  'processing.started': 'journal.act_processingStarted',
  'processing.stopped': 'journal.act_processingStopped',
  'processing.changed': 'journal.act_processingChanged',
  'missed.declare': 'journal.act_missedDeclare',
  'report.generate': 'journal.act_reportGenerate',
  'access.refused': 'journal.act_accessRefused',
  'live.refused': 'journal.act_liveRefused',
  'habilitation.grant': 'journal.act_habilitationGrant',
  'habilitation.withdraw': 'journal.act_habilitationWithdraw',
  'training.record': 'journal.act_trainingRecord',
  'training.remove': 'journal.act_trainingRemove',
  'server.start': 'journal.act_serverStart',
  'server.stop': 'journal.act_serverStop',
  'camera.created': 'journal.act_cameraCreated',
  'camera.updated': 'journal.act_cameraUpdated',
  'camera.deleted': 'journal.act_cameraDeleted',
  'account.created': 'journal.act_accountCreated',
  'account.deleted': 'journal.act_accountDeleted',
  'alert.images': 'journal.act_alertImages',
  'journal.export': 'journal.act_journalExport',
  'POST /api/setup': 'journal.api_setup',
  'POST /api/logout': 'journal.api_logout',
  'GET /api/me': 'journal.api_me',
  'GET /api/users': 'journal.api_users',
  'POST /api/users': 'journal.api_userAdd',
  'DELETE /api/users/:username': 'journal.api_userDelete',
  'PATCH /api/users/:username': 'journal.api_userChange',
  'POST /api/users/:username/password': 'journal.api_userPassword',
  'POST /api/me/password': 'journal.api_mePassword',
  'GET /api/events': 'journal.api_events',
  'GET /api/cameras': 'journal.api_cameras',
  'POST /api/cameras': 'journal.api_cameraAdd',
  'POST /api/cameras/test': 'journal.api_cameraTest',
  'GET /api/cameras/:id': 'journal.api_camera',
  'PUT /api/cameras/:id': 'journal.api_cameraChange',
  'DELETE /api/cameras/:id': 'journal.api_cameraDelete',
  'GET /api/cameras/:id/snapshot.jpg': 'journal.api_cameraSnapshot',
  'GET /api/alerts': 'journal.api_alerts',
  'GET /api/alerts/:id': 'journal.api_alert',
  'GET /api/alerts/:id/snapshot.jpg': 'journal.api_alertSnapshot',
  'GET /api/alerts/:id/clip.mp4': 'journal.api_alertClip',
  'POST /api/alerts/:id/qualify': 'journal.api_alertQualify',
  'POST /api/alerts/qualify': 'journal.api_alertsQualify',
  'POST /api/alerts/:id/correct': 'journal.api_alertCorrect',
  'GET /api/alerts/:id/evidence.zip': 'journal.api_alertEvidence',
  'GET /api/system-health': 'journal.api_systemHealth',
  'GET /api/stats': 'journal.api_stats',
  'GET /api/journal': 'journal.api_journal',
  'GET /api/journal/verify': 'journal.api_journalVerify',
  'GET /api/journal/export': 'journal.api_journalExport',
  'GET /api/journal/public-key': 'journal.api_journalPublicKey',
  'GET /api/webhooks': 'journal.api_webhooks',
  'POST /api/webhooks': 'journal.api_webhookAdd',
  'DELETE /api/webhooks/:id': 'journal.api_webhookDelete',
  'POST /api/webhooks/:id/test': 'journal.api_webhookTest',
  'GET /api/webhooks/:id/deliveries': 'journal.api_deliveries',
  'GET /api/webhooks/:id/deliveries/:deliveryId/attempts': 'journal.api_attempts',
  'POST /api/webhooks/:id/deliveries/:deliveryId/resend': 'journal.api_resend',
  'GET /api/habilitations': 'journal.api_habilitations',
  'GET /api/users/:username/habilitation': 'journal.api_habilitation',
  'PUT /api/users/:username/habilitation': 'journal.api_habilitationGrant',
  'POST /api/users/:username/habilitation/withdraw': 'journal.api_habilitationWithdraw',
  'POST /api/users/:username/trainings': 'journal.api_trainingAdd',
  'DELETE /api/users/:username/trainings/:id': 'journal.api_trainingDelete',
};

const DETAILS: Readonly<Record<string, DetailKey>> = {
  status: 'journal.det_status',
  address: 'journal.det_address',
  type: 'journal.det_type',
  cameraId: 'journal.det_cameraId',
  zoneId: 'journal.det_zoneId',
  from: 'journal.det_from',
  to: 'journal.det_to',
  decision: 'journal.det_decision',
  noteChars: 'journal.det_noteChars',
  note: 'journal.det_note',
  cameras: 'journal.det_cameras',
  days: 'journal.det_days',
  journalDays: 'journal.det_journalDays',
  mediaDays: 'journal.det_mediaDays',
  signalsDays: 'journal.det_signalsDays',
  mediaBeforeMs: 'journal.det_mediaBeforeMs',
  signalsBeforeMs: 'journal.det_signalsBeforeMs',
  journalBeforeMs: 'journal.det_journalBeforeMs',
  mediaAlerts: 'journal.det_mediaAlerts',
  decisions: 'journal.det_decisions',
  systemAlerts: 'journal.det_systemAlerts',
  failed: 'journal.det_failed',
  alerts: 'journal.det_alerts',
  files: 'journal.det_files',
  fileFailures: 'journal.det_fileFailures',
  deliveries: 'journal.det_deliveries',
  statusEntries: 'journal.det_statusEntries',
  sessions: 'journal.det_sessions',
  journalEntries: 'journal.det_journalEntries',
  level: 'journal.det_level',
  previous: 'journal.det_previous',
  freeMb: 'journal.det_freeMb',
  kind: 'journal.det_kind',
  message: 'journal.det_message',
  webhookId: 'journal.det_webhookId',
  alertId: 'journal.det_alertId',
  previousState: 'journal.det_previousState',
  count: 'journal.det_count',
  fromMs: 'journal.det_fromMs',
  toMs: 'journal.det_toMs',
  routes: 'journal.det_routes',
  before: 'journal.det_before',
  after: 'journal.det_after',
  reason: 'journal.det_reason',
  version: 'journal.det_version',
  journalKey: 'journal.det_journalKey',
  uptimeS: 'journal.det_uptimeS',
  model: 'journal.det_model',
  modelSha256: 'journal.det_modelSha256',
  noteSha256: 'journal.det_noteSha256',
  role: 'journal.det_role',
  setup: 'journal.det_setup',
  disabled: 'journal.det_disabled',
  changes: 'journal.det_changes',
  format: 'journal.det_format',
  sinceMs: 'journal.det_sinceMs',
  untilMs: 'journal.det_untilMs',
  fromSeq: 'journal.det_fromSeq',
  toSeq: 'journal.det_toSeq',
  entries: 'journal.det_entries',
};

const lookup = <K extends string>(table: Readonly<Record<string, K>>, code: string): K | undefined => (Object.hasOwn(table, code) ? table[code] : undefined);

/** What the action means, or undefined for a code the catalogue does not know. */
export function actionWords(action: string, t: Translate): string | undefined {
  const key = lookup(ACTIONS, action);
  return key ? t(key) : undefined;
}

/** The action in words; an unknown code as itself. */
export function actionLabel(action: string, t: Translate): string {
  return actionWords(action, t) ?? action;
}

const isAlertStatus = (v: unknown): v is AlertStatus => typeof v === 'string' && (ALERT_STATUSES as readonly string[]).includes(v);

/** One detail's value: dates in the locale, event types, alert statuses and roles in words, lists joined. */
function valueWords(name: string, value: unknown, t: Translate, fmt: Formatters): string {
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  // A record before or after a change (a habilitation, a training): as the server wrote it.
  if (value === null) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  if (name.endsWith('Ms') && typeof value === 'number') return fmt.dateTime(value);
  if (name === 'type' && typeof value === 'string') return eventLabel(value, t);
  // from / to: an alert's status (a decision) or an account's role (a role change).
  if ((name === 'from' || name === 'to') && isAlertStatus(value)) return statusLabel(value, t);
  if ((name === 'from' || name === 'to' || name === 'role') && isRole(value)) return roleLabel(value, t);
  // A configuration before / after, or the fields changed: as JSON.
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "status 200 · address 10.0.0.7" / "statut 200 · adresse 10.0.0.7". */
export function detailsWords(details: Readonly<Record<string, unknown>> | undefined, t: Translate, fmt: Formatters): string {
  return Object.entries(details ?? {})
    .map(([name, value]) => {
      const key = lookup(DETAILS, name);
      return `${key ? t(key) : name} ${valueWords(name, value, t, fmt)}`;
    })
    .join(' · ');
}
