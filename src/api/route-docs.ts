/** Every HTTP route of the API, for the OpenAPI document (a test checks it matches the router). */
import { z } from 'zod';
import type { Permission } from '../auth/roles.ts';
import { cameraBodySchema, cameraTestSchema, credentialsSchema, setupSchema, userCreateSchema, qualifySchema, bulkQualifySchema, correctSchema, webhookCreateSchema, alertsQuerySchema, statsQuerySchema, journalQuerySchema, journalExportQuerySchema } from './schemas.ts';
import * as doc from './doc-schemas.ts';
import { LANGS } from '../core/lang.ts';
import { accountUpdateSchema, passwordChangeSchema, passwordResetSchema } from './account-schemas.ts';
import { missedEventDocSchema, missedEventSchema, missedEventsQuerySchema, reportDocSchema, reportQuerySchema } from './report-schemas.ts';
import { habilitationGrantSchema, habilitationStateSchema, trainingDocSchema, trainingSchema, withdrawSchema } from './habilitation-schemas.ts';
import * as legal from './legal-schemas.ts';

export interface RouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{id}` style. */
  readonly path: string;
  readonly summary: string;
  /** false: open without a session. */
  readonly auth: boolean;
  readonly permission?: Permission;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly status: number;
  /** JSON response schema, or a media type for binary answers. */
  readonly response?: z.ZodType | 'image/jpeg' | 'video/mp4' | 'application/x-ndjson' | 'application/zip' | 'text/html';
  /** Throttled: may answer 429 with Retry-After. */
  readonly throttled?: boolean;
  /** When it answers 409. */
  readonly conflict?: string;
  /** Shows alerts, their images or live video: 403 with error.reason for an account not habilitated and trained (src/auth/habilitation.ts). */
  readonly viewing?: boolean;
}

const r = (method: RouteDoc['method'], path: string, summary: string, rest: Partial<RouteDoc> = {}): RouteDoc => ({
  method,
  path,
  summary,
  auth: true,
  status: 200,
  ...rest,
});

export const ROUTE_DOCS: readonly RouteDoc[] = [
  r('get', '/api/health', 'Liveness and version', { auth: false, response: z.object({ ok: z.literal(true), version: z.string() }) }),
  r('get', '/api/setup', 'Whether the first-run setup is still needed, and the console language of this deployment', { auth: false, response: z.object({ needsSetup: z.boolean(), language: z.enum(LANGS) }) }),
  r('post', '/api/setup', 'Create the first (admin) account and log in, with the one-time first-run token printed on the server console; 403 on a wrong token, 409 once done', { auth: false, body: setupSchema, status: 201, response: doc.userSchema }),
  r('post', '/api/login', 'Log in (sets the vigie_session cookie); 401 on bad credentials; 429 with Retry-After after repeated failures', { auth: false, body: credentialsSchema, response: doc.userSchema, throttled: true }),
  r('post', '/api/logout', 'Log out', { status: 204 }),
  r('get', '/api/me', 'The logged-in account', { response: doc.userSchema }),
  r('get', '/api/users', 'Accounts', { permission: 'admin', response: z.array(doc.userInfoSchema) }),
  r('post', '/api/users', 'Add an account', { permission: 'admin', body: userCreateSchema, status: 201, response: doc.userSchema }),
  r('delete', '/api/users/{username}', 'Delete an account (not your own)', { permission: 'admin', status: 204 }),
  r('patch', '/api/users/{username}', 'Change the role of another account, or disable it (it cannot sign in, its sessions end) or enable it; journaled', { permission: 'admin', body: accountUpdateSchema, response: doc.userInfoSchema }),
  r('post', '/api/users/{username}/password', "Reset another account's password (its sessions end); journaled", { permission: 'admin', body: passwordResetSchema, status: 204 }),
  r('post', '/api/me/password', 'Change your own password with the current one (your other sessions end); 403 when the current one is wrong, 429 after repeated wrong ones', { body: passwordChangeSchema, status: 204, throttled: true }),
  r('get', '/api/habilitations', 'Every account with its habilitation, trainings and whether it may view alerts now (auditors, admins)', { permission: 'audit', response: z.array(habilitationStateSchema) }),
  r('get', '/api/users/{username}/habilitation', "An account's habilitation, trainings and whether it may view alerts now: your own, or any with the audit permission", { response: habilitationStateSchema }),
  r('put', '/api/users/{username}/habilitation', "Record (or replace) an account's habilitation: authority, reference, date, expiry; your own too; journaled habilitation.grant with before and after", { permission: 'admin', body: habilitationGrantSchema, response: habilitationStateSchema }),
  r('post', '/api/users/{username}/habilitation/withdraw', "Withdraw an account's habilitation, with why: it stops viewing at once (open live video too); journaled habilitation.withdraw with before and after; 409 when it has none or it is already withdrawn", { permission: 'admin', body: withdrawSchema, response: habilitationStateSchema, conflict: 'No habilitation, or already withdrawn' }),
  r('post', '/api/users/{username}/trainings', 'Record a training the account followed (data_protection, tool_use); journaled training.record', { permission: 'admin', body: trainingSchema, status: 201, response: trainingDocSchema }),
  r('delete', '/api/users/{username}/trainings/{id}', 'Remove a training recorded by mistake; journaled training.remove with what it was', { permission: 'admin', status: 204 }),
  r('get', '/api/events', 'The eight event types and their rule parameters', { response: z.array(doc.eventInfoSchema) }),
  r('get', '/api/cameras', 'Cameras with status and stats', { response: z.array(doc.cameraViewSchema) }),
  r('post', '/api/cameras', 'Add a camera (analysed at once, while an authorisation in force covers it); 400 when an event type no authorisation in force for it lists is enabled (legal.requireAuthorisation)', { permission: 'cameras', body: cameraBodySchema, status: 201, response: doc.cameraViewSchema }),
  r('post', '/api/cameras/test', 'Open a source for one frame (8 s timeout)', { permission: 'cameras', body: cameraTestSchema, response: doc.cameraTestResultSchema }),
  r('get', '/api/cameras/{id}', 'One camera', { response: doc.cameraViewSchema }),
  r('put', '/api/cameras/{id}', "Replace a camera's config (restarts its analysis); 400 when it enables an event type no authorisation in force for it lists", { permission: 'cameras', body: cameraBodySchema, response: doc.cameraViewSchema }),
  r('delete', '/api/cameras/{id}', 'Remove a camera', { permission: 'cameras', status: 204 }),
  r('get', '/api/cameras/{id}/snapshot.jpg', 'The latest analysed frame; 404 before the first; 403 (with why) while the camera is outside its authorisation or stopped by a kill switch; on a console of the distributed mode (`serve --bus`) a live frame from the worker running the camera, asked for when none came in the last second (404 when none comes within 3 s). Accounts that set up cameras get it as a set-up image; the others need the habilitation', { response: 'image/jpeg' , viewing: true }),
  r('get', '/api/alerts', 'Alerts, newest first', { query: alertsQuerySchema, response: z.array(doc.storedAlertSchema) , viewing: true }),
  r('get', '/api/alerts/{id}', 'One alert with its zone, the rule parameters of its camera and its decision history', { response: doc.alertDetailSchema , viewing: true }),
  r('get', '/api/alerts/{id}/snapshot.jpg', 'The alert frame with box and zones drawn', { response: 'image/jpeg' , viewing: true }),
  r('get', '/api/alerts/{id}/clip.mp4', 'H.264 evidence clip (~5 s before, ~5 s after); 202 { pending: true } while encoding', { response: 'video/mp4' , viewing: true }),
  r('post', '/api/alerts/{id}/qualify', 'Qualify an alert after the levée de doute (confirmed, false_alarm, duplicate); final: 409 naming the current status, who and when if already qualified', { permission: 'qualify', body: qualifySchema, response: doc.storedAlertSchema, conflict: 'Already qualified (the message names the status, who and when)' , viewing: true }),
  r('post', '/api/alerts/qualify', 'Qualify several alerts (a queue group) with one decision; each is journaled, those already qualified or unknown are refused one by one', { permission: 'qualify', body: bulkQualifySchema, response: doc.bulkQualifyResultSchema , viewing: true }),
  r('post', '/api/alerts/{id}/correct', 'Correct the decision on a qualified alert (supervisor, admin), with a mandatory note; kept in the history and journaled; 409 if not qualified yet', { permission: 'correct', body: correctSchema, response: doc.storedAlertSchema, conflict: 'Not qualified yet: nothing to correct' , viewing: true }),
  r('get', '/api/system-health', 'Server health: cameras (analysed fps, drops, loss), store writes, disk space, open system alerts', { response: doc.systemHealthSchema }),
  r('get', '/api/alerts/{id}/evidence.zip', 'The evidence as one ZIP: snapshot.jpg, clip.mp4, facts.json, facts.txt, manifest.json and SHA256SUMS (SHA-256 of each file); 202 { pending: true } while the clip is encoding', { response: 'application/zip' , viewing: true }),
  r('get', '/api/stats', 'Dashboard figures over the last N days (UTC days)', { query: statsQuerySchema, response: doc.statsSchema }),
  r('get', '/api/journal', 'The journal of accesses and decisions, newest first (filters, paging)', { permission: 'audit', query: journalQuerySchema, response: z.array(doc.journalEntrySchema) }),
  r('post', '/api/missed-events', 'Declare an event the system missed (camera, event type, approximate time, note); 404 for an unknown camera; journaled missed.declare; counted by the evaluation report', { permission: 'qualify', body: missedEventSchema, status: 201, response: missedEventDocSchema }),
  r('get', '/api/missed-events', 'The missed events declared, by their time', { permission: 'read', query: missedEventsQuerySchema, response: z.array(missedEventDocSchema) }),
  r('get', '/api/report', 'The evaluation report of [from, to): cameras and hours analysed, signals and decisions per event type (precision, time to acknowledge), missed events, outages, habilitated and trained users, authorisations, the journal state; JSON, printable HTML or CSV; journaled report.generate', { permission: 'audit', query: reportQuerySchema, response: reportDocSchema }),
  r('get', '/api/journal/verify', 'Checks the journal: numbering, hash chain, and the signed checkpoints with the public key (an edited or deleted entry, the first or last entries removed, a chain re-hashed after an edit)', { permission: 'audit', response: doc.journalCheckSchema }),
  r('get', '/api/journal/export', 'The raw records of a time window, streamed: NDJSON (records then the checkpoints that sign them; check with `vigie journal verify FILE --public-key KEY`) or CSV; the export is journaled', { permission: 'audit', query: journalExportQuerySchema, response: 'application/x-ndjson' }),
  r('get', '/api/journal/public-key', "The journal's Ed25519 public key (keep a copy: it checks the signed checkpoints)", { permission: 'audit', response: doc.journalPublicKeySchema }),
  r('get', '/api/webhooks', 'Webhooks', { permission: 'admin', response: z.array(doc.webhookSchema) }),
  r('post', '/api/webhooks', 'Add a webhook; the answer holds its secret (the only time it is shown)', { permission: 'admin', body: webhookCreateSchema, status: 201, response: doc.webhookCreatedSchema }),
  r('delete', '/api/webhooks/{id}', 'Delete a webhook and its delivery log', { permission: 'admin', status: 204 }),
  r('post', '/api/webhooks/{id}/test', 'Queue a test delivery (X-Vigie-Event: test); 202 with the delivery', { permission: 'admin', status: 202, response: doc.deliverySchema }),
  r('get', '/api/webhooks/{id}/deliveries', 'Deliveries, latest first: state, attempts, last status and error, next attempt', { permission: 'admin', response: z.array(doc.deliverySchema) }),
  r('get', '/api/webhooks/{id}/deliveries/{deliveryId}/attempts', 'Every attempt of a delivery, latest first', { permission: 'admin', response: z.array(doc.deliveryAttemptSchema) }),
  r('post', '/api/webhooks/{id}/deliveries/{deliveryId}/resend', 'Send a delivery again (same delivery id, attempts counted anew; journaled); 202', { permission: 'admin', status: 202, response: doc.deliverySchema }),
  r('get', '/api/legal/state', 'Per camera: analysed now or not, why (no_authorisation, not_started, expired, revoked, killed), under which authorisation; the engaged kill switches', { response: legal.legalStateSchema }),
  r('get', '/api/authorisations', 'Authorisations (prefectoral orders), revoked ones included, with their state now', { response: z.array(legal.authorisationViewSchema) }),
  r('get', '/api/authorisations/{id}', 'One authorisation', { response: legal.authorisationViewSchema }),
  r('get', '/api/authorisations/{id}/notice.html', 'The printable notice for the public of one authorisation (controller, legal basis and order, area and cameras, events signalled, what is never done, retention, rights and contact), in the deployment language', { response: 'text/html' }),
  r('post', '/api/authorisations', 'Record an authorisation (journaled with after; the cameras it covers start when its window opens)', { permission: 'admin', body: legal.authorisationBodySchema, status: 201, response: legal.authorisationViewSchema }),
  r('put', '/api/authorisations/{id}', 'Change an authorisation (journaled with before and after; applied to the cameras at once); 409 once revoked', { permission: 'admin', body: legal.authorisationBodySchema, response: legal.authorisationViewSchema, conflict: 'Revoked: record a new one' }),
  r('post', '/api/authorisations/{id}/revoke', 'Revoke an authorisation with why (never deleted; its cameras stop at once; journaled)', { permission: 'admin', body: legal.revokeBodySchema, response: legal.authorisationViewSchema, conflict: 'Revoked already' }),
  r('get', '/api/killswitch', 'Kill switches: the engaged ones, then the last released ones', { response: z.array(legal.killSwitchSchema) }),
  r('post', '/api/killswitch', 'Engage a kill switch (global, of an authorisation, of a camera) with why: the analysis stops before the answer; journaled (supervisors and admins)', { permission: 'cameras', body: legal.killSwitchBodySchema, status: 201, response: legal.killSwitchSchema, conflict: 'Engaged already' }),
  r('post', '/api/killswitch/{id}/release', 'Release a kill switch with why (admins); the cameras start again where authorised; journaled', { permission: 'admin', body: legal.releaseBodySchema, response: legal.killSwitchSchema, conflict: 'Released already' }),
  r('get', '/api/openapi.json', 'This document', { response: z.object({ openapi: z.string() }).loose() }),
];
