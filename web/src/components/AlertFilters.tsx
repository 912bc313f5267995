/** The queue's filter bar: type, camera, status, time range (presets or custom bounds). */
import { ALERT_STATUSES, type AlertStatus, type CameraView, type EventType } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/catalog.ts';
import type { AlertFilter, RangeKey } from '../lib/alert-filter.ts';
import { fromLocalInput, toLocalInput } from '../lib/format.ts';
import { EVENT_TYPES, eventLabel, statusLabel } from '../lib/labels.ts';

const RANGE_LABELS: Record<RangeKey, MessageKey> = {
  '1h': 'queue.range1h',
  '24h': 'queue.range24h',
  '7d': 'queue.range7d',
  all: 'queue.rangeAll',
  custom: 'queue.rangeCustom',
};

interface Props {
  readonly filter: AlertFilter;
  readonly cameras: readonly CameraView[];
  readonly onChange: (filter: AlertFilter) => void;
}

export function AlertFilters({ filter, cameras, onChange }: Props): React.JSX.Element {
  const { t } = useI18n();
  const set = (patch: Partial<AlertFilter>): void => onChange({ ...filter, ...patch });
  return (
    <form className="filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('queue.filterType')}
        <select value={filter.type} onChange={(e) => set({ type: e.target.value as EventType | '' })}>
          <option value="">{t('queue.allTypes')}</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>{eventLabel(type, t)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('queue.filterCamera')}
        <select value={filter.cameraId} onChange={(e) => set({ cameraId: e.target.value })}>
          <option value="">{t('queue.allCameras')}</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>{c.name ?? c.id}</option>
          ))}
        </select>
      </label>
      <label>
        {t('queue.filterStatus')}
        <select value={filter.status} onChange={(e) => set({ status: e.target.value as AlertStatus | '' })}>
          <option value="">{t('queue.allStatuses')}</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>{statusLabel(s, t)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('queue.filterPeriod')}
        <select
          value={filter.range}
          onChange={(e) => {
            const range = e.target.value as RangeKey;
            const now = Date.now();
            set(range === 'custom' ? { range, sinceMs: filter.sinceMs ?? now - 86_400_000, untilMs: filter.untilMs ?? now } : { range });
          }}
        >
          {(Object.keys(RANGE_LABELS) as RangeKey[]).map((r) => (
            <option key={r} value={r}>{t(RANGE_LABELS[r])}</option>
          ))}
        </select>
      </label>
      {filter.range === 'custom' && (
        <>
          <label>
            {t('queue.filterFrom')}
            <input type="datetime-local" value={filter.sinceMs ? toLocalInput(filter.sinceMs) : ''} onChange={(e) => set({ sinceMs: fromLocalInput(e.target.value) })} />
          </label>
          <label>
            {t('queue.filterTo')}
            <input type="datetime-local" value={filter.untilMs ? toLocalInput(filter.untilMs) : ''} onChange={(e) => set({ untilMs: fromLocalInput(e.target.value) })} />
          </label>
        </>
      )}
    </form>
  );
}
