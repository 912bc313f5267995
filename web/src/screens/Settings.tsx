/**
 * Settings (admin): webhooks. Add one (its secret is shown once; a loopback or link-local URL is
 * accepted with a warning), send it a test delivery, read its delivery log (state, attempts, last
 * answer, next attempt) and send a delivery again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { EventType } from '../api/types.ts';
import { DeliveryLog } from '../components/DeliveryLog.tsx';
import { TextWithNodes } from '../components/TextWithNodes.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { Delivery, Webhook } from '../lib/deliveries.ts';
import { EVENT_TYPES, eventLabel } from '../lib/labels.ts';

/** The headers of each delivery (protocol names, the same in every language). */
const SIGNATURE_HEADER = 'X-Vigie-Signature';
const DELIVERY_HEADER = 'X-Vigie-Delivery';

interface Created extends Webhook {
  readonly secret: string;
}

export function Settings(): React.JSX.Element {
  const { t } = useI18n();
  const [hooks, setHooks] = useState<readonly Webhook[]>([]);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<Created>();
  const [open, setOpen] = useState<string>();

  const load = useCallback(() => api.get<Webhook[]>('/api/webhooks').then(setHooks, (err: unknown) => setError(describeError(err, t))), [t]);
  useEffect(() => void load(), [load]);

  const remove = async (h: Webhook): Promise<void> => {
    if (!window.confirm(t('settings.confirmDelete', { url: h.url }))) return;
    try {
      await api.del(`/api/webhooks/${encodeURIComponent(h.id)}`);
      if (open === h.id) setOpen(undefined);
      await load();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <h2 id="webhooks-title">{t('settings.webhooks')}</h2>
      <p className="muted small">
        <TextWithNodes
          text={t('settings.intro')}
          nodes={{ signature: <span className="mono">{SIGNATURE_HEADER}</span>, delivery: <span className="mono">{DELIVERY_HEADER}</span> }}
        />
      </p>
      {error && <p className="error-box" role="alert">{error}</p>}
      {created && (
        <div className="panel" role="status" aria-label={t('settings.newWebhook')}>
          <p>
            <TextWithNodes
              text={t('settings.created')}
              nodes={{ url: <span className="mono">{created.url}</span>, secret: <code className="mono" data-testid="webhook-secret">{created.secret}</code> }}
            />
          </p>
          {created.warning && <p className="warn-text">{t('settings.warning', { warning: created.warning })}</p>}
          <button type="button" className="small" onClick={() => setCreated(undefined)}>{t('settings.done')}</button>
        </div>
      )}
      {hooks.length === 0 ? (
        <p className="empty">{t('settings.noWebhook')}</p>
      ) : (
        <table className="table" aria-labelledby="webhooks-title">
          <thead>
            <tr>
              <th scope="col">{t('settings.url')}</th>
              <th scope="col">{t('settings.events')}</th>
              <th scope="col">{t('settings.added')}</th>
              <th scope="col"><span className="sr-only">{t('settings.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {hooks.map((h) => (
              <WebhookRow key={h.id} hook={h} open={open === h.id} onToggle={() => setOpen(open === h.id ? undefined : h.id)} onRemove={() => void remove(h)} onError={setError} />
            ))}
          </tbody>
        </table>
      )}
      <WebhookForm
        onCreated={(c) => {
          setCreated(c);
          void load();
        }}
      />
    </section>
  );
}

function WebhookRow({ hook, open, onToggle, onRemove, onError }: { hook: Webhook; open: boolean; onToggle: () => void; onRemove: () => void; onError: (m: string) => void }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const [log, setLog] = useState<readonly Delivery[]>();
  const load = useCallback(
    () => api.get<Delivery[]>(`/api/webhooks/${encodeURIComponent(hook.id)}/deliveries`).then(setLog, (err: unknown) => onError(describeError(err, t))),
    [hook.id, onError, t],
  );
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  // While a delivery is on its way, the log is read again every few seconds.
  const waiting = log?.some((d) => d.state === 'pending') ?? false;
  useEffect(() => {
    if (!open || !waiting) return;
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [open, waiting, load]);

  const post = async (path: string): Promise<void> => {
    try {
      await api.post(`/api/webhooks/${encodeURIComponent(hook.id)}${path}`);
      await load();
      if (!open) onToggle();
    } catch (err) {
      onError(describeError(err, t));
    }
  };

  return (
    <>
      <tr>
        <td className="small">
          <span className="mono">{hook.url}</span>
          {hook.warning && <span className="warn-text" role="note">{t('settings.warning', { warning: hook.warning })}</span>}
        </td>
        <td className="small">{hook.events.length ? hook.events.map((e) => eventLabel(e, t)).join(', ') : t('settings.allEvents')}</td>
        <td className="muted small">{fmt.dateTime(hook.createdAtMs)}</td>
        <td>
          <div className="actions">
            <button type="button" className="small" onClick={() => void post('/test')}>{t('settings.sendTest')}</button>
            <button type="button" className="small" aria-expanded={open} onClick={onToggle}>{t('settings.deliveryLog')}</button>
            <button type="button" className="small danger" onClick={onRemove}>{t('common.delete')}</button>
          </div>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <DeliveryLog log={log} onResend={(d) => void post(`/deliveries/${encodeURIComponent(d.id)}/resend`)} onRefresh={() => void load()} />
          </td>
        </tr>
      )}
    </>
  );
}

function WebhookForm({ onCreated }: { onCreated: (c: Created) => void }): React.JSX.Element {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly EventType[]>([]);
  const [error, setError] = useState<string>();
  const toggle = (type: EventType): void => setEvents(events.includes(type) ? events.filter((e) => e !== type) : [...events, type]);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      onCreated(await api.post<Created>('/api/webhooks', { url: url.trim(), events }));
      setUrl('');
      setEvents([]);
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form className="panel user-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-webhook">
      <h2 id="add-webhook">{t('settings.addTitle')}</h2>
      <label>
        {t('settings.url')} <span className="muted small">{t('settings.urlHint')}</span>
        <input type="url" required value={url} placeholder={t('settings.urlExample')} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <fieldset>
        <legend className="small">{t('settings.eventsDelivered')} <span className="muted">{t('settings.eventsDeliveredHint')}</span></legend>
        <div className="form-row">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="small" style={{ display: 'flex', flexDirection: 'row', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} /> {eventLabel(type, t)}
            </label>
          ))}
        </div>
      </fieldset>
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="button-row end">
        <button type="submit" className="primary">{t('settings.add')}</button>
      </div>
    </form>
  );
}
