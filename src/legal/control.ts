/**
 * The legal framework enforced in `vigie serve`: the authorisations and kill switches of the store,
 * asked by the camera manager before any analysis starts (`refusal`, `narrow`), by the alert sink
 * (`alertVerdict`), the live view (`liveRefusal`) and the camera API (`eventsRefusal`). Every
 * change (an authorisation recorded, changed, revoked; a kill switch engaged or released) is
 * journaled with who and why, then applied to the cameras at once; a timer at the next instant an
 * authorisation starts or ends (and a sweep every minute, against clock changes) applies the
 * windows by itself, journaling each expiry and each camera stopped or started.
 * With `required` false (tests, trials) only the kill switches apply.
 */
import type { CameraConfig } from '../config/schema.ts';
import type { EventType } from '../core/types.ts';
import type { JournalInput } from '../store/journal.ts';
import type { AuthorisationInput, AuthorisationStore } from '../store/authorisations.ts';
import { authorisationFor, authorisationState, engagedSwitch, nextChangeMs, processingState, type ProcessingState } from './authorisation.ts';
import type { Authorisation, AuthorisationView, CameraLegalState, KillScope, KillSwitch, LegalState } from './types.ts';

export type LegalScheduler = (run: () => void, delayMs: number) => { cancel(): void };

/** What the legal control needs of the cameras (the camera manager). */
export interface LegalCameras {
  list(): readonly Pick<CameraConfig, 'id' | 'events'>[];
  recheck(): Promise<readonly { readonly cameraId: string; readonly change: 'stopped' | 'started' | 'narrowed'; readonly eventsBefore: readonly string[]; readonly eventsAfter: readonly string[] }[]>;
}

export interface LegalOptions {
  readonly store: AuthorisationStore;
  /** legal.requireAuthorisation. */
  readonly required: boolean;
  /** A journalWriter (never throws). */
  readonly record: (e: JournalInput) => void;
  readonly logger: { info(message: string): void; error(message: string): void };
  readonly nowMs?: () => number;
  readonly scheduler?: LegalScheduler;
  /** The longest wait between two checks of the windows (default 60 s). */
  readonly sweepMs?: number;
}

export type AlertVerdict = { readonly ok: true; readonly reference?: string } | { readonly ok: false; readonly detail: string };

export interface LegalControl {
  readonly required: boolean;
  /** The cameras this control applies to; before it, nothing is checked again. */
  bind(cameras: LegalCameras): void;
  /** Notes expiries missed while stopped, applies the windows and starts the timer. */
  start(): Promise<void>;
  close(): void;
  /** Why the camera must not be analysed now (the camera manager's `refuse`), or undefined. */
  refusal(camera: Pick<CameraConfig, 'id' | 'events'>): string | undefined;
  /** The camera with only its authorised event types (the camera manager's `narrow`). */
  narrow(camera: CameraConfig): CameraConfig;
  /** Whether an alert of this type on this camera may be raised now, and under which authorisation. */
  alertVerdict(cameraId: string, type: EventType): AlertVerdict;
  /** Why the live view of the camera is refused now, or undefined. */
  liveRefusal(cameraId: string): string | undefined;
  /** Why enabling these event types (beyond `previous`, already enabled) is refused, or undefined. */
  eventsRefusal(cameraId: string, events: readonly EventType[], previous: readonly EventType[]): string | undefined;
  state(): LegalState;
  list(): AuthorisationView[];
  get(id: string): AuthorisationView | undefined;
  /** `by` undefined: the system (the --demo authorisation). */
  create(input: AuthorisationInput, by: string | undefined): Promise<Authorisation>;
  /** undefined when there is no such authorisation or it is revoked. */
  update(id: string, input: AuthorisationInput, by: string): Promise<Authorisation | undefined>;
  revoke(id: string, why: string, by: string): Promise<Authorisation | undefined>;
  killSwitches(): KillSwitch[];
  /** undefined when one of that scope and target is engaged already. */
  engage(scope: KillScope, targetId: string | undefined, why: string, by: string): Promise<KillSwitch | undefined>;
  release(id: string, why: string, by: string): Promise<KillSwitch | undefined>;
}

const DEFAULT_SWEEP_MS = 60_000;
/** setTimeout takes at most a signed 32-bit delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const defaultScheduler: LegalScheduler = (run, delayMs) => {
  const timer = setTimeout(run, Math.min(MAX_DELAY_MS, Math.max(0, delayMs)));
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

type Verdict = ProcessingState | { readonly ok: true; readonly unrestricted: true };

export function createLegalControl(opts: LegalOptions): LegalControl {
  const now = opts.nowMs ?? Date.now;
  const schedule = opts.scheduler ?? defaultScheduler;
  const sweepMs = opts.sweepMs ?? DEFAULT_SWEEP_MS;
  let auths: Authorisation[] = [];
  let kills: KillSwitch[] = [];
  let cameras: LegalCameras | undefined;
  let timer: { cancel(): void } | undefined;
  let closed = false;
  const reload = (): void => {
    auths = opts.store.list();
    kills = opts.store.engaged();
  };
  reload();

  const verdict = (cameraId: string, at = now()): Verdict => {
    if (opts.required) return processingState(cameraId, auths, kills, at);
    const kill = engagedSwitch(kills, 'global', undefined, at) ?? engagedSwitch(kills, 'camera', cameraId, at);
    return kill ? processingState(cameraId, [], [kill], at) : { ok: true, unrestricted: true };
  };
  const refs = (list: readonly Authorisation[]): string => list.map((a) => a.reference).join(', ');
  const refusal = (camera: Pick<CameraConfig, 'id' | 'events'>): string | undefined => {
    const v = verdict(camera.id);
    if (!v.ok) return v.reason === 'killed' ? `stopped by a kill switch: ${v.detail}` : `not authorised: ${v.detail}`;
    if ('unrestricted' in v || camera.events.length === 0 || camera.events.some((e) => v.events.includes(e))) return undefined;
    return `not authorised: none of its event types (${camera.events.join(', ')}) is listed by the authorisation in force (${refs(v.inForce)})`;
  };

  const journalChange = (c: Awaited<ReturnType<LegalCameras['recheck']>>[number]): void => {
    const v = verdict(c.cameraId);
    const refOf = v.ok ? ('unrestricted' in v ? {} : { authorisations: v.inForce.map((a) => a.reference) }) : v.authorisation ? { authorisation: v.authorisation.reference } : {};
    if (c.change === 'stopped') {
      const why = v.ok ? { reason: 'events_not_authorised' } : { reason: v.reason, detail: v.detail };
      opts.logger.info(`camera ${c.cameraId}: analysis stopped (${'detail' in why ? why.detail : why.reason})`);
      return opts.record({ atMs: now(), action: 'processing.stopped', target: c.cameraId, details: { ...why, ...refOf, events: c.eventsBefore } });
    }
    opts.logger.info(`camera ${c.cameraId}: analysis ${c.change === 'started' ? 'started' : 'restarted'} (${c.eventsAfter.join(', ') || 'no event type'})`);
    opts.record({ atMs: now(), action: c.change === 'started' ? 'processing.started' : 'processing.changed', target: c.cameraId, details: { ...refOf, events: c.eventsAfter, ...(c.change === 'narrowed' ? { eventsBefore: c.eventsBefore } : {}) } });
  };

  const plan = (): void => {
    timer?.cancel();
    if (closed) return;
    const next = nextChangeMs(auths, now());
    timer = schedule(() => void apply(), next === undefined ? sweepMs : Math.min(sweepMs, next - now()));
  };
  /** Applies the records to the cameras: expiries journaled once, cameras stopped, started or narrowed. */
  const apply = async (): Promise<void> => {
    if (closed) return;
    reload();
    for (const a of opts.store.noteExpired(now())) {
      opts.logger.info(`authorisation ${a.reference} expired`);
      opts.record({ atMs: now(), action: 'authorisation.expired', target: a.id, details: { reference: a.reference, authority: a.authority, cameraIds: a.cameraIds, events: a.events, endMs: a.endMs } });
    }
    try {
      for (const c of (await cameras?.recheck()) ?? []) journalChange(c);
    } finally {
      plan();
    }
  };
  const changed = async <T>(value: T): Promise<T> => {
    await apply();
    return value;
  };
  const view = (a: Authorisation): AuthorisationView => ({ ...a, state: authorisationState(a, now()), killed: engagedSwitch(kills, 'authorisation', a.id, now()) !== undefined });
  const cameraState = (camera: Pick<CameraConfig, 'id' | 'events'>, at: number): CameraLegalState => {
    const cameraId = camera.id;
    const v = verdict(cameraId, at);
    if (v.ok && 'unrestricted' in v) return { cameraId, ok: true, inForce: [] };
    const shown = v.authorisation;
    const base = {
      cameraId,
      inForce: v.ok ? v.inForce.map((a) => a.reference) : [],
      ...(shown ? { authorisation: { id: shown.id, reference: shown.reference, authority: shown.authority, demo: shown.demo, startMs: shown.startMs, endMs: shown.endMs } } : {}),
    };
    if (v.ok && camera.events.length > 0 && !camera.events.some((e) => v.events.includes(e))) return { ...base, ok: false, reason: 'events_not_authorised', detail: refusal(camera) ?? '', events: v.events };
    if (v.ok) return { ...base, ok: true, events: v.events };
    return { ...base, ok: false, reason: v.reason, detail: v.detail, events: [], ...(v.atMs !== undefined ? { atMs: v.atMs } : {}), ...(v.killSwitch ? { killSwitch: v.killSwitch } : {}) };
  };

  return {
    required: opts.required,
    bind: (c) => void (cameras = c),
    start: () => apply(),
    close() {
      closed = true;
      timer?.cancel();
    },
    refusal,
    narrow(camera) {
      const v = verdict(camera.id);
      return v.ok && !('unrestricted' in v) ? { ...camera, events: camera.events.filter((e) => v.events.includes(e)) } : camera;
    },
    alertVerdict(cameraId, type) {
      const v = verdict(cameraId);
      if (!v.ok) return { ok: false, detail: v.detail };
      if ('unrestricted' in v) return { ok: true };
      const a = authorisationFor(cameraId, type, auths, kills, now());
      return a ? { ok: true, reference: a.reference } : { ok: false, detail: `event type ${type} is not listed by the authorisation in force (${refs(v.inForce)})` };
    },
    liveRefusal(cameraId) {
      const v = verdict(cameraId);
      return v.ok ? undefined : `live view of camera ${cameraId} refused: ${v.reason === 'killed' ? 'stopped by a kill switch' : 'outside its authorisation'}: ${v.detail}`;
    },
    eventsRefusal(cameraId, events, previous) {
      if (!opts.required) return undefined;
      const added = events.filter((e) => !previous.includes(e));
      if (added.length === 0) return undefined;
      const v = processingState(cameraId, auths, [], now()); // a kill switch stops; it does not change what is authorised
      const refused = added.filter((e) => !(v.ok && v.events.includes(e)));
      if (refused.length === 0) return undefined;
      const why = v.ok ? `the authorisation in force (${refs(v.inForce)}) lists only ${v.events.join(', ')}` : v.detail;
      return `camera ${cameraId}: event type${refused.length > 1 ? 's' : ''} ${refused.join(', ')} cannot be enabled: no authorisation in force for this camera lists ${refused.length > 1 ? 'them' : 'it'} (${why})`;
    },
    state() {
      const at = now();
      const next = nextChangeMs(auths, at);
      return { required: opts.required, nowMs: at, cameras: (cameras?.list() ?? []).map((c) => cameraState(c, at)), killSwitches: kills, ...(next !== undefined ? { nextChangeMs: next } : {}) };
    },
    list: () => opts.store.list().map(view),
    get(id) {
      const a = opts.store.get(id);
      return a ? view(a) : undefined;
    },
    async create(input, by) {
      const a = opts.store.create(input, by ?? 'system', now());
      opts.record({ atMs: now(), ...(by ? { actor: by } : {}), action: 'authorisation.create', target: a.id, details: { ...(a.demo ? { demo: true } : {}), after: a } });
      return changed(a);
    },
    async update(id, input, by) {
      const change = opts.store.update(id, input, by, now());
      if (!change) return undefined;
      opts.record({ atMs: now(), actor: by, action: 'authorisation.update', target: id, details: { before: change.before, after: change.after } });
      return changed(change.after);
    },
    async revoke(id, why, by) {
      const change = opts.store.revoke(id, by, why, now());
      if (!change) return undefined;
      opts.record({ atMs: now(), actor: by, action: 'authorisation.revoke', target: id, details: { why, before: change.before, after: change.after } });
      return changed(change.after);
    },
    killSwitches: () => opts.store.killSwitches(),
    async engage(scope, targetId, why, by) {
      const k = opts.store.engage(scope, targetId, by, why, now());
      if (!k) return undefined;
      opts.logger.info(`kill switch ${scope}${targetId ? ` ${targetId}` : ''} engaged by ${by}: ${why}`);
      opts.record({ atMs: now(), actor: by, action: 'killswitch.engage', target: targetId ?? 'global', details: { id: k.id, scope, why } });
      return changed(k);
    },
    async release(id, why, by) {
      const change = opts.store.release(id, by, why, now());
      if (!change) return undefined;
      const k = change.after;
      opts.logger.info(`kill switch ${k.scope}${k.targetId ? ` ${k.targetId}` : ''} released by ${by}: ${why}`);
      opts.record({ atMs: now(), actor: by, action: 'killswitch.release', target: k.targetId ?? 'global', details: { id, scope: k.scope, why, engagedBy: k.engagedBy, engagedWhy: k.engagedWhy } });
      return changed(k);
    },
  };
}
