/**
 * Habilitation refusals and trainings in words (catalogue group "habilitation"); the API codes stay.
 * Also reads a refusal as the server sends it (error.habilitation of a 403, the `viewing` message).
 */
import type { TrainingKind, ViewingRefusal } from '../api/types.ts';
import type { Translate } from '../i18n/translator.ts';
import { TRAINING_KINDS, VIEWING_REASONS } from '../../../src/auth/habilitation.ts';

export { TRAINING_KINDS };

export function trainingLabel(kind: TrainingKind, t: Translate): string {
  return t(`habilitation.kind_${kind}`);
}

/** Why viewing is refused, e.g. "training missing: use of the tool."; `date` words the dates in the locale. */
export function refusalWords(r: ViewingRefusal, t: Translate, date: (ms: number) => string): string {
  switch (r.reason) {
    case 'not_habilitated':
      return t('habilitation.refused_not_habilitated');
    case 'habilitation_withdrawn':
      return t('habilitation.refused_habilitation_withdrawn', { at: date(r.withdrawn.atMs), by: r.withdrawn.by, why: r.withdrawn.why });
    case 'habilitation_expired':
      return t('habilitation.refused_habilitation_expired', { at: date(r.expiredAtMs) });
    case 'training_missing':
      return t('habilitation.refused_training_missing', { trainings: r.missing.map((k) => trainingLabel(k, t)).join(', ') });
  }
}

/** A date input's value (yyyy-mm-dd, local day) as ms at the start of that day; undefined when empty or invalid. */
export function dayInputMs(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** ms as a date input's value (local day). */
export function msDayInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A refusal as the server sends it (error.habilitation, the viewing message), checked; undefined when malformed. */
export function parseRefusal(value: unknown): ViewingRefusal | undefined {
  if (!isObject(value) || !(VIEWING_REASONS as readonly unknown[]).includes(value.reason)) return undefined;
  const { withdrawn, expiredAtMs, missing } = value;
  switch (value.reason) {
    case 'not_habilitated':
      return { reason: 'not_habilitated' };
    case 'habilitation_withdrawn':
      return isObject(withdrawn) && typeof withdrawn.atMs === 'number' && typeof withdrawn.by === 'string' && typeof withdrawn.why === 'string'
        ? { reason: 'habilitation_withdrawn', withdrawn: { atMs: withdrawn.atMs, by: withdrawn.by, why: withdrawn.why } }
        : undefined;
    case 'habilitation_expired':
      return typeof expiredAtMs === 'number' ? { reason: 'habilitation_expired', expiredAtMs } : undefined;
    default:
      return Array.isArray(missing) ? { reason: 'training_missing', missing: TRAINING_KINDS.filter((k) => missing.includes(k)) } : undefined;
  }
}
