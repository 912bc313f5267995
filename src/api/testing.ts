/** Test harness of the API: a real store in a temp folder, real accounts, real camera manager without a detector. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { z } from 'zod';
import { createAuth } from '../auth/auth.ts';
import { TRAINING_KINDS } from '../auth/habilitation.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import type { StoredAlert } from '../store/types.ts';
import { createCameraManager, type CameraManager } from '../server/camera-manager.ts';
import type { Lang } from '../core/lang.ts';
import { silentLogger } from '../server/log.ts';
import { systemHealth } from '../server/system-health.ts';
import { createApiApp } from './app.ts';
import type { ApiEnv, CameraTestResult } from './deps.ts';
import { errorBodySchema } from './doc-schemas.ts';
import type { Refusals } from './guard/refusals.ts';
import type { MediaViews } from './journal-views.ts';
import type { RequestGuardOptions } from './guard/request.ts';
import { createLegalControl, type LegalControl, type LegalScheduler } from '../legal/control.ts';
import { journalWriter } from '../store/journal.ts';
import type { AuthorisationInput } from '../store/authorisations.ts';
import type { Authorisation } from '../legal/types.ts';

export interface TestApi {
  readonly app: Hono<ApiEnv>;
  readonly store: ConsoleStore;
  readonly cameras: CameraManager;
  readonly legal: LegalControl;
  readonly qualified: StoredAlert[];
  readonly pendingClips: Set<string>;
  /** fetch-like call; `cookie` is sent as the session cookie. */
  call(method: string, url: string, body?: unknown, cookie?: string): Promise<Response>;
  /** The first-run token while no account exists. */
  setupToken(): string | undefined;
  /**
   * Runs setup (first admin, with the first-run token) and returns its cookie. Unlike the product,
   * the helper habilitates the account and records both trainings (straight into the store, not
   * journaled) so that tests of other things may view alerts; `{ habilitated: false }` leaves it as
   * a real first run does.
   */
  admin(opts?: LoginOptions): Promise<string>;
  /** Adds an account of the role and returns its cookie; habilitated and trained unless `{ habilitated: false }` (see admin()). */
  login(username: string, role: 'supervisor' | 'operator' | 'auditor', opts?: LoginOptions): Promise<string>;
  /** Records a habilitation and both trainings of the account in the store (not journaled). */
  habilitate(username: string): void;
  /** Records an authorisation (by "admin") covering these cameras for these events, in force from now for a day unless said otherwise. */
  authorise(input: Partial<AuthorisationInput> & Pick<AuthorisationInput, 'cameraIds' | 'events'>): Promise<Authorisation>;
  close(): Promise<void>;
}

export interface LoginOptions {
  /** Default true (the product's default is the opposite: nobody views until habilitated). */
  readonly habilitated?: boolean;
}

export const cookieOf = (res: Response): string => /vigie_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';

export interface TestApiOptions {
  readonly nowMs?: () => number;
  readonly testCamera?: (url: string) => Promise<CameraTestResult>;
  /** Default: only the Host `localhost` (what app.request uses) is allowed. */
  readonly requestGuard?: RequestGuardOptions;
  readonly refusals?: Refusals;
  readonly mediaViews?: MediaViews;
  readonly onDeliveryQueued?: () => void;
  /** The deployment's console language (default: the API's default, French). */
  readonly language?: Lang;
  /**
   * legal.requireAuthorisation. Default false here, said explicitly: API tests about other things
   * add cameras with events freely; the tests of the legal framework pass true (the product's default).
   */
  readonly requireAuthorisation?: boolean;
  /** Timers of the legal control (default: real ones). */
  readonly legalScheduler?: LegalScheduler;
}

export function createTestApi(opts: TestApiOptions = {}): TestApi {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-api-'));
  const store = openConsoleStore({ dir });
  const auth = createAuth({ users: store.users, sessions: store.sessions });
  const legal = createLegalControl({
    store: store.authorisations,
    required: opts.requireAuthorisation ?? false,
    record: journalWriter(store.journal, (m) => silentLogger.error(m)),
    logger: silentLogger,
    ...(opts.nowMs ? { nowMs: opts.nowMs } : {}),
    ...(opts.legalScheduler ? { scheduler: opts.legalScheduler } : {}),
  });
  const cameras = createCameraManager({
    store: store.cameras,
    statusLog: store.statusLog,
    fps: 5,
    width: 320,
    detector: () => Promise.reject(new Error('no detector in API tests')),
    sink: { emit: () => Promise.reject(new Error('no alerts in API tests')) },
    logger: silentLogger,
    onChange: () => undefined,
    onFrame: () => undefined,
    refuse: (c) => legal.refusal(c),
    narrow: (c) => legal.narrow(c),
  });
  legal.bind({ list: () => cameras.list(), recheck: () => cameras.recheck() });
  const qualified: StoredAlert[] = [];
  const pendingClips = new Set<string>();
  const app = createApiApp({
    version: 'test',
    auth,
    store,
    cameras,
    testCamera: opts.testCamera ?? (async () => ({ ok: false, reason: 'not in tests' })),
    clipPending: (id) => pendingClips.has(id),
    onQualified: (a) => void qualified.push(a),
    logger: silentLogger,
    // The health of a server with no store failure and a healthy disk: the cameras and system alerts decide.
    systemHealth: () =>
      systemHealth({ cameras: cameras.list(), storeFailure: undefined, unstoredAlerts: 0, disk: { level: 'ok', dir: store.alerts.dir }, systemAlerts: store.systemAlerts.open() }),
    requestGuard: opts.requestGuard ?? { hostAllowed: (host) => host === 'localhost' },
    ...(opts.nowMs ? { nowMs: opts.nowMs } : {}),
    ...(opts.refusals ? { refusals: opts.refusals } : {}),
    ...(opts.mediaViews ? { mediaViews: opts.mediaViews } : {}),
    ...(opts.onDeliveryQueued ? { onDeliveryQueued: opts.onDeliveryQueued } : {}),
    ...(opts.language ? { language: opts.language } : {}),
    legal,
  });
  const call = (method: string, url: string, body?: unknown, cookie?: string): Promise<Response> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (cookie) headers.Cookie = `vigie_session=${cookie}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(app.request(url, init));
  };
  const habilitate = (username: string): void => {
    const atMs = (opts.nowMs ?? Date.now)();
    const by = { recordedAtMs: atMs, recordedBy: 'test' };
    store.habilitations.grant({ username, authority: 'test authority', reference: `TEST-${username}`, grantedAtMs: 0, ...by });
    for (const kind of TRAINING_KINDS) store.habilitations.addTraining({ username, kind, atMs: 0, trainer: 'test trainer', ...by });
  };
  const api: TestApi = {
    app,
    store,
    cameras,
    legal,
    qualified,
    pendingClips,
    call,
    setupToken: () => auth.setupToken(),
    async admin(o = {}) {
      const cookie = cookieOf(await call('POST', '/api/setup', { username: 'admin', password: 'admin-pass-1', token: auth.setupToken() ?? '' }));
      if (o.habilitated ?? true) habilitate('admin');
      return cookie;
    },
    async login(username, role, o = {}) {
      const admin = cookieOf(await call('POST', '/api/login', { username: 'admin', password: 'admin-pass-1' }));
      await call('POST', '/api/users', { username, password: 'user-pass-1', role }, admin);
      if (o.habilitated ?? true) habilitate(username);
      return cookieOf(await call('POST', '/api/login', { username, password: 'user-pass-1' }));
    },
    habilitate,
    authorise: (input) =>
      legal.create({ reference: 'AP-TEST', authority: 'Préfecture (test)', perimeter: 'test', startMs: (opts.nowMs ?? Date.now)(), endMs: (opts.nowMs ?? Date.now)() + 86_400_000, ...input }, 'admin'),
    async close() {
      legal.close();
      await cameras.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return api;
}

/** The JSON answer, parsed with its documented schema (so tests also check the OpenAPI shapes). */
export async function read<S extends z.ZodType>(res: Response | Promise<Response>, schema: S): Promise<z.output<S>> {
  return schema.parse(await (await res).json());
}

export const errorOf = async (res: Response | Promise<Response>) => (await read(res, errorBodySchema)).error;

/** Walks into parsed JSON; undefined where the path does not exist. */
export function dig(value: unknown, ...keys: (string | number)[]): unknown {
  let v = value;
  for (const k of keys) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}
