/** The queue's filter bar: type, camera, status, time range (presets or custom bounds). */
import type { AlertStatus, CameraView, EventType } from '../api/types.ts';
import type { AlertFilter, RangeKey } from '../lib/alert-filter.ts';
import { fromLocalInput, toLocalInput } from '../lib/format.ts';
import { EVENT_LABELS, EVENT_TYPES, STATUS_LABELS } from '../lib/labels.ts';

const RANGE_LABELS: Record<RangeKey, string> = { '1h': 'Last hour', '24h': 'Last 24 h', '7d': 'Last 7 days', all: 'All time', custom: 'Custom…' };

interface Props {
  readonly filter: AlertFilter;
  readonly cameras: readonly CameraView[];
  readonly onChange: (filter: AlertFilter) => void;
}

export function AlertFilters({ filter, cameras, onChange }: Props): React.JSX.Element {
  const set = (patch: Partial<AlertFilter>): void => onChange({ ...filter, ...patch });
  return (
    <form className="filters" aria-label="Alert filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Type
        <select value={filter.type} onChange={(e) => set({ type: e.target.value as EventType | '' })}>
          <option value="">All types</option>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>{EVENT_LABELS[t]}</option>
          ))}
        </select>
      </label>
      <label>
        Camera
        <select value={filter.cameraId} onChange={(e) => set({ cameraId: e.target.value })}>
          <option value="">All cameras</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>{c.name ?? c.id}</option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filter.status} onChange={(e) => set({ status: e.target.value as AlertStatus | '' })}>
          <option value="">All statuses</option>
          {(Object.keys(STATUS_LABELS) as AlertStatus[]).map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </label>
      <label>
        Period
        <select
          value={filter.range}
          onChange={(e) => {
            const range = e.target.value as RangeKey;
            const now = Date.now();
            set(range === 'custom' ? { range, sinceMs: filter.sinceMs ?? now - 86_400_000, untilMs: filter.untilMs ?? now } : { range });
          }}
        >
          {(Object.keys(RANGE_LABELS) as RangeKey[]).map((r) => (
            <option key={r} value={r}>{RANGE_LABELS[r]}</option>
          ))}
        </select>
      </label>
      {filter.range === 'custom' && (
        <>
          <label>
            From
            <input type="datetime-local" value={filter.sinceMs ? toLocalInput(filter.sinceMs) : ''} onChange={(e) => set({ sinceMs: fromLocalInput(e.target.value) })} />
          </label>
          <label>
            To
            <input type="datetime-local" value={filter.untilMs ? toLocalInput(filter.untilMs) : ''} onChange={(e) => set({ untilMs: fromLocalInput(e.target.value) })} />
          </label>
        </>
      )}
    </form>
  );
}
