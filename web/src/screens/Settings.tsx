/**
 * Settings (admin): webhooks. Add one (its secret is shown once; a loopback or link-local URL is
 * accepted with a warning), send it a test delivery, read its delivery log (state, attempts, last
 * answer, next attempt) and send a delivery again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { EventType } from '../api/types.ts';
import { deliveryState, lastAnswer, type Delivery, type Webhook } from '../lib/deliveries.ts';
import { formatDateTime } from '../lib/format.ts';
import { EVENT_LABELS, EVENT_TYPES } from '../lib/labels.ts';
import { useNow } from '../lib/use-now.ts';

interface Created extends Webhook {
  readonly secret: string;
}

export function Settings(): React.JSX.Element {
  const [hooks, setHooks] = useState<readonly Webhook[]>([]);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<Created>();
  const [open, setOpen] = useState<string>();

  const load = useCallback(() => api.get<Webhook[]>('/api/webhooks').then(setHooks, (err: unknown) => setError(describeError(err))), []);
  useEffect(() => void load(), [load]);

  const remove = async (h: Webhook): Promise<void> => {
    if (!window.confirm(`Delete the webhook to ${h.url} and its delivery log?`)) return;
    try {
      await api.del(`/api/webhooks/${encodeURIComponent(h.id)}`);
      if (open === h.id) setOpen(undefined);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="muted small">
        Each alert is POSTed as JSON to every webhook that wants its type, signed with <span className="mono">X-Vigie-Signature</span> and
        identified by <span className="mono">X-Vigie-Delivery</span> (the same at every retry and re-send). Failed deliveries are retried
        for about two hours (10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h).
      </p>
      {error && <p className="error-box" role="alert">{error}</p>}
      {created && (
        <div className="panel" role="status" aria-label="New webhook">
          <p>Webhook to <span className="mono">{created.url}</span> added. Its secret, shown only now: <code className="mono" data-testid="webhook-secret">{created.secret}</code></p>
          {created.warning && <p className="warn-text">Warning: {created.warning}</p>}
          <button type="button" className="small" onClick={() => setCreated(undefined)}>Done</button>
        </div>
      )}
      {hooks.length === 0 ? (
        <p className="empty">No webhook yet.</p>
      ) : (
        <table className="table" aria-labelledby="webhooks-title">
          <thead>
            <tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Added</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
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
  const [log, setLog] = useState<readonly Delivery[]>();
  const load = useCallback(
    () => api.get<Delivery[]>(`/api/webhooks/${encodeURIComponent(hook.id)}/deliveries`).then(setLog, (err: unknown) => onError(describeError(err))),
    [hook.id, onError],
  );
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  // While a delivery is on its way, the log is read again every few seconds.
  const waiting = log?.some((d) => d.state === 'pending') ?? false;
  useEffect(() => {
    if (!open || !waiting) return;
    const t = setInterval(() => void load(), 3000);
    return () => clearInterval(t);
  }, [open, waiting, load]);

  const post = async (path: string): Promise<void> => {
    try {
      await api.post(`/api/webhooks/${encodeURIComponent(hook.id)}${path}`);
      await load();
      if (!open) onToggle();
    } catch (err) {
      onError(describeError(err));
    }
  };

  return (
    <>
      <tr>
        <td className="small">
          <span className="mono">{hook.url}</span>
          {hook.warning && <span className="warn-text" role="note">Warning: {hook.warning}</span>}
        </td>
        <td className="small">{hook.events.length ? hook.events.map((e) => EVENT_LABELS[e as EventType] ?? e).join(', ') : 'all'}</td>
        <td className="muted small">{formatDateTime(hook.createdAtMs)}</td>
        <td>
          <div className="actions">
            <button type="button" className="small" onClick={() => void post('/test')}>Send test</button>
            <button type="button" className="small" aria-expanded={open} onClick={onToggle}>Delivery log</button>
            <button type="button" className="small danger" onClick={onRemove}>Delete</button>
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

function DeliveryLog({ log, onResend, onRefresh }: { log: readonly Delivery[] | undefined; onResend: (d: Delivery) => void; onRefresh: () => void }): React.JSX.Element {
  const now = useNow(1000);
  if (!log) return <p className="muted">Loading…</p>;
  return (
    <div aria-label="Delivery log">
      <div className="button-row end">
        <button type="button" className="small ghost" onClick={onRefresh}>Refresh</button>
      </div>
      {log.length === 0 ? (
        <p className="empty">No delivery yet.</p>
      ) : (
        <table className="table small-table">
          <thead>
            <tr><th scope="col">Queued</th><th scope="col">What</th><th scope="col">State</th><th scope="col">Last answer</th><th scope="col">Delivery id</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {log.map((d) => (
              <tr key={d.id} data-state={d.state}>
                <td className="small">{formatDateTime(d.createdAtMs)}</td>
                <td className="small">{d.event === 'test' ? 'test' : <a href={`#/alerts/${encodeURIComponent(d.alertId ?? '')}`}>alert</a>}</td>
                <td className="small">{deliveryState(d, now)}</td>
                <td className="small mono">{lastAnswer(d)}</td>
                <td className="small mono">{d.id}</td>
                <td>
                  <div className="actions">
                    <button type="button" className="small" onClick={() => onResend(d)}>Re-send</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function WebhookForm({ onCreated }: { onCreated: (c: Created) => void }): React.JSX.Element {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly EventType[]>([]);
  const [error, setError] = useState<string>();
  const toggle = (t: EventType): void => setEvents(events.includes(t) ? events.filter((e) => e !== t) : [...events, t]);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      onCreated(await api.post<Created>('/api/webhooks', { url: url.trim(), events }));
      setUrl('');
      setEvents([]);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <form className="panel user-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-webhook">
      <h2 id="add-webhook">Add a webhook</h2>
      <label>
        URL <span className="muted small">(http:// or https://)</span>
        <input type="url" required value={url} placeholder="https://example.org/vigie" onChange={(e) => setUrl(e.target.value)} />
      </label>
      <fieldset>
        <legend className="small">Events delivered <span className="muted">(none ticked: all)</span></legend>
        <div className="form-row">
          {EVENT_TYPES.map((t) => (
            <label key={t} className="small" style={{ display: 'flex', flexDirection: 'row', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={events.includes(t)} onChange={() => toggle(t)} /> {EVENT_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="button-row end">
        <button type="submit" className="primary">Add webhook</button>
      </div>
    </form>
  );
}
