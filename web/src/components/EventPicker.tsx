/** Enabled events (checkboxes) and, for each one, its parameters with the documented default as placeholder. */
import type { EventDoc, EventType } from '../api/types.ts';
import { EVENT_COLORS, EVENT_HINTS, EVENT_LABELS, EVENT_TYPES } from '../lib/labels.ts';

interface Props {
  readonly docs: readonly EventDoc[];
  readonly events: readonly EventType[];
  readonly params: Readonly<Record<string, string>>;
  readonly onChange: (events: EventType[], params: Record<string, string>) => void;
}

export function EventPicker({ docs, events, params, onChange }: Props): React.JSX.Element {
  const toggle = (t: EventType): void => onChange(events.includes(t) ? events.filter((e) => e !== t) : [...events, t], { ...params });
  const setParam = (key: string, value: string): void => onChange([...events], { ...params, [key]: value });
  return (
    <fieldset className="panel events">
      <legend>Events analysed</legend>
      <ul className="event-list">
        {EVENT_TYPES.map((t) => {
          const doc = docs.find((d) => d.type === t);
          const on = events.includes(t);
          return (
            <li key={t} className={on ? 'on' : ''}>
              <label className="event-check" title={EVENT_HINTS[t]}>
                <input type="checkbox" name={`event-${t}`} checked={on} onChange={() => toggle(t)} />
                <span className="type-dot" style={{ background: EVENT_COLORS[t] }} aria-hidden="true" />
                {EVENT_LABELS[t]}
                <span className="muted small">{EVENT_HINTS[t]}</span>
              </label>
              {on && doc && doc.params.length > 0 && (
                <div className="event-params">
                  {doc.params.map((p) => (
                    <label key={p.key} title={p.description}>
                      <span className="mono small">{p.key}</span>
                      <input
                        type="number"
                        step="any"
                        name={`param-${p.key}`}
                        value={params[p.key] ?? ''}
                        placeholder={String(p.default)}
                        onChange={(e) => setParam(p.key, e.target.value)}
                      />
                      <span className="muted small">{p.description.replace(/^[a-z_]+: /, '')}</span>
                    </label>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
