/** Webhook deliveries as the Settings screen shows them: the API's shape and a one-line state, in the console's language. */
import type { Translate } from '../i18n/translator.ts';
import type { Formatters } from '../i18n/format.ts';

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly createdAtMs: number;
  /** A loopback or link-local URL. */
  readonly warning?: string;
}

export interface Delivery {
  readonly id: string;
  readonly event: 'alert' | 'test';
  readonly alertId?: string;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAtMs?: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** `30 s`, `5 min`, `1.5 h` (`1,5 h` in French): the units are the same in both languages. */
const inWords = (ms: number, fmt: Formatters): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const h = Math.round(s / 360) / 10;
  return `${fmt.number(h, Number.isInteger(h) ? 0 : 1)} h`;
};

/** "Delivered 2 min ago (1 attempt)", "Retry in 30 s (2 attempts so far)", "Failed after 8 attempts", "Queued". */
export function deliveryState(d: Delivery, nowMs: number, t: Translate, fmt: Formatters): string {
  const attempts = t('settings.attempts', { count: d.attempts });
  switch (d.state) {
    case 'delivered':
      return t('settings.stateDelivered', { ago: fmt.ago(d.updatedAtMs, nowMs), attempts });
    case 'failed':
      return t('settings.stateFailed', { attempts });
    case 'pending':
      if (d.attempts === 0) return t('settings.stateQueued');
      return t('settings.stateRetry', { wait: inWords((d.nextAtMs ?? nowMs) - nowMs, fmt), attempts });
  }
}

/** The last answer of the receiver: "HTTP 503", the network error (as the server words it), or nothing yet. */
export function lastAnswer(d: Delivery): string {
  if (d.lastError) return d.lastError;
  if (d.lastStatus !== undefined) return `HTTP ${d.lastStatus}`;
  return '—';
}
