/**
 * Thin fetch wrapper for the same-origin API: JSON in and out, session cookie, and the contract's
 * error body `{ error: { code, message, issues? } }` turned into an ApiError.
 */
import type { MessageKey } from '../i18n/catalog.ts';
import type { Translate } from '../i18n/translator.ts';
import type { Formatters } from '../i18n/format.ts';
import { statusLabel } from '../lib/labels.ts';
import { parseRefusal, refusalWords } from '../lib/habilitation-words.ts';
import { ALERT_STATUSES, type AlertStatus, type ViewingRefusal } from './types.ts';

/** A refused second qualification: the decision already taken (409 body `error.decided`). */
export interface Decided {
  readonly status: AlertStatus;
  readonly by: string;
  readonly atMs?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly string[];
  readonly decided?: Decided;
  /** Viewing alerts and images refused (403 body `error.habilitation`): why. */
  readonly refusal?: ViewingRefusal;

  constructor(status: number, code: string, message: string, issues: readonly string[] = [], decided?: Decided, refusal?: ViewingRefusal) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    if (decided) this.decided = decided;
    if (refusal) this.refusal = refusal;
  }
}

function decidedOf(value: unknown): Decided | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as { status?: unknown; by?: unknown; atMs?: unknown };
  if (typeof d.status !== 'string' || !(ALERT_STATUSES as readonly string[]).includes(d.status) || typeof d.by !== 'string') return undefined;
  return { status: d.status as AlertStatus, by: d.by, ...(typeof d.atMs === 'number' ? { atMs: d.atMs } : {}) };
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever a request comes back 401 (session expired): the app shows the login screen. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Tells the app the session ended (a 401, or the live connection closed for that reason). */
export function notifyUnauthorized(): void {
  unauthorizedListeners.forEach((l) => l());
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = toApiError(res.status, data);
    if (res.status === 401 && !path.startsWith('/api/login')) notifyUnauthorized();
    throw err;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return { error: { code: 'INTERNAL', message: `invalid JSON from server: ${(err as Error).message}` } };
  }
}

export function toApiError(status: number, data: unknown): ApiError {
  const error = typeof data === 'object' && data !== null && 'error' in data ? (data as { error: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; issues?: unknown; decided?: unknown; habilitation?: unknown };
    const issues = Array.isArray(e.issues) ? e.issues.map(String) : [];
    return new ApiError(status, String(e.code ?? 'ERROR'), String(e.message ?? `HTTP ${status}`), issues, decidedOf(e.decided), parseRefusal(e.habilitation));
  }
  return new ApiError(status, 'ERROR', `HTTP ${status}`);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
};

/** Why a request failed, by the API's error code (src/api/errors.ts), plus NETWORK (no answer). */
const REASONS: Readonly<Record<string, MessageKey>> = {
  NETWORK: 'app.errorNetwork',
  BAD_REQUEST: 'app.errorBadRequest',
  UNAUTHORIZED: 'app.errorUnauthorized',
  FORBIDDEN: 'app.errorForbidden',
  NOT_FOUND: 'app.errorNotFound',
  CONFLICT: 'app.errorConflict',
  PAYLOAD_TOO_LARGE: 'app.errorTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'app.errorUnsupportedType',
  MISDIRECTED_REQUEST: 'app.errorMisdirected',
  TOO_MANY_REQUESTS: 'app.errorTooMany',
  INTERNAL: 'app.errorInternal',
};

/**
 * One line for an error shown in the UI: the reason in the console's language, then the server's
 * detail (and its issues) as the server words it, e.g. "Conflit : setup is already done". A refused
 * second qualification, and a refused view of alerts (habilitation), are worded entirely in the
 * console's language (who decided what, and when; `fmt` dates it in the locale).
 */
export function describeError(err: unknown, t: Translate, fmt?: Pick<Formatters, 'dateTime'>): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.decided) {
    const { status, by, atMs } = err.decided;
    const at = atMs === undefined ? '?' : fmt ? fmt.dateTime(atMs) : new Date(atMs).toISOString();
    return t('app.alreadyQualified', { status: statusLabel(status, t), by, at });
  }
  if (err.refusal) return `${t('habilitation.refusedLead')} ${refusalWords(err.refusal, t, (ms) => (fmt ? fmt.dateTime(ms) : new Date(ms).toISOString()))}`;
  const detail = err.issues.length ? `${err.message}: ${err.issues.join('; ')}` : err.message;
  return t('app.errorWithDetail', { reason: t(REASONS[err.code] ?? 'app.errorOther'), detail });
}
