/** Webhook deliveries as the Settings screen shows them: the API's shape and a one-line state. */
import { formatAgo } from './format.ts';

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

const inWords = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 360) / 10} h`;
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Delivered (1 attempt)", "Retry in 30 s (2 attempts so far)", "Failed after 8 attempts", "Queued". */
export function deliveryState(d: Delivery, nowMs: number): string {
  switch (d.state) {
    case 'delivered':
      return `Delivered ${formatAgo(d.updatedAtMs, nowMs)} (${plural(d.attempts, 'attempt')})`;
    case 'failed':
      return `Failed after ${plural(d.attempts, 'attempt')}`;
    case 'pending':
      if (d.attempts === 0) return 'Queued';
      return `Retry in ${inWords((d.nextAtMs ?? nowMs) - nowMs)} (${plural(d.attempts, 'attempt')} so far)`;
  }
}

/** The last answer of the receiver: "HTTP 503", the network error, or nothing yet. */
export function lastAnswer(d: Delivery): string {
  if (d.lastError) return d.lastError;
  if (d.lastStatus !== undefined) return `HTTP ${d.lastStatus}`;
  return '—';
}
