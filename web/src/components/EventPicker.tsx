/** Enabled events (checkboxes) and, for each one, its parameters with the documented default as placeholder. */
import { DEFAULT_PARAMS } from '../../../src/config/schema.ts';
import type { EventDoc, EventType } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Translate } from '../i18n/translator.ts';
import { EVENT_COLORS, EVENT_TYPES, eventHint, eventLabel } from '../lib/labels.ts';

interface Props {
  readonly docs: readonly EventDoc[];
  readonly events: readonly EventType[];
  readonly params: Readonly<Record<string, string>>;
  readonly onChange: (events: EventType[], params: Record<string, string>) => void;
}

type ParamKey = keyof typeof DEFAULT_PARAMS;
const isParam = (key: string): key is ParamKey => key in DEFAULT_PARAMS;

/** A parameter's documentation from the catalogue; a parameter the console does not know (a newer server) keeps the server's. */
export function paramDescription(key: string, serverDescription: string, t: Translate): string {
  return isParam(key) ? t(`cameras.param_${key}`) : serverDescription.replace(/^[a-z_]+: /, '');
}

export function EventPicker({ docs, events, params, onChange }: Props): React.JSX.Element {
  const { t } = useI18n();
  const toggle = (type: EventType): void => onChange(events.includes(type) ? events.filter((e) => e !== type) : [...events, type], { ...params });
  const setParam = (key: string, value: string): void => onChange([...events], { ...params, [key]: value });
  return (
    <fieldset className="panel events">
      <legend>{t('cameras.eventsAnalysed')}</legend>
      <ul className="event-list">
        {EVENT_TYPES.map((type) => {
          const doc = docs.find((d) => d.type === type);
          const on = events.includes(type);
          return (
            <li key={type} className={on ? 'on' : ''}>
              <label className="event-check" title={eventHint(type, t)}>
                <input type="checkbox" name={`event-${type}`} checked={on} onChange={() => toggle(type)} />
                <span className="type-dot" style={{ background: EVENT_COLORS[type] }} aria-hidden="true" />
                {eventLabel(type, t)}
                <span className="muted small">{eventHint(type, t)}</span>
              </label>
              {on && doc && doc.params.length > 0 && (
                <div className="event-params">
                  {doc.params.map((p) => {
                    const description = paramDescription(p.key, p.description, t);
                    return (
                      <label key={p.key} title={description}>
                        <span className="mono small">{p.key}</span>
                        <input
                          type="number"
                          step="any"
                          name={`param-${p.key}`}
                          value={params[p.key] ?? ''}
                          placeholder={String(p.default)}
                          onChange={(e) => setParam(p.key, e.target.value)}
                        />
                        <span className="muted small">{description}</span>
                      </label>
                    );
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
