/**
 * System alerts at the top of the alert queue: each open incident (camera lost, alerts not
 * stored, disk nearly full) as its own red item with a sound cue when raised, and a banner while
 * the server keeps alerts it could not store. Loaded from /api/system-health, then live.
 */
import { useEffect, useReducer, useState } from 'react';
import { api } from '../api/client.ts';
import { useHub } from '../api/hub-hooks.ts';
import type { ServerMessage, SystemHealth } from '../api/types.ts';
import { playCue } from '../lib/beep.ts';
import { EMPTY_SYSTEM_VIEW, SYSTEM_KIND_LABELS, applySystemMessage, type SystemView } from '../lib/system-alerts.ts';

type Action = { readonly kind: 'message'; readonly msg: ServerMessage } | { readonly kind: 'health'; readonly health: SystemHealth };

function reduce(view: SystemView, action: Action): SystemView {
  if (action.kind === 'message') return applySystemMessage(view, action.msg);
  return { ...view, open: [...action.health.systemAlerts], cue: false };
}

const REFRESH_MS = 15_000;

export function SystemAlerts(): React.JSX.Element | null {
  const hub = useHub();
  const [view, dispatch] = useReducer(reduce, EMPTY_SYSTEM_VIEW);
  const [health, setHealth] = useState<SystemHealth>();

  useEffect(() => hub.onMessage((msg) => dispatch({ kind: 'message', msg })), [hub]);
  useEffect(() => {
    const load = (): void =>
      void api.get<SystemHealth>('/api/system-health').then(
        (h) => (setHealth(h), dispatch({ kind: 'health', health: h })),
        (err: unknown) => console.warn('system health', err),
      );
    load();
    const t = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(t);
  }, []);
  useEffect(() => {
    if (view.cue) playCue(1); // a lost camera or an unstored alert: top priority cue
  }, [view.cue, view.open]);

  const unstored = Math.max(view.unstored.length, health?.store.unstoredAlerts ?? 0);
  if (view.open.length === 0 && unstored === 0) return null;
  return (
    <div className="system-alerts" data-testid="system-alerts">
      {unstored > 0 && (
        <p className="system-banner" role="alert">
          {unstored} alert{unstored === 1 ? '' : 's'} shown but <strong>not stored</strong>: the server cannot write (disk full?). They are kept in
          memory and stored when it can.
        </p>
      )}
      <ul aria-label="System alerts">
        {view.open.map((a) => (
          <li key={a.id} className={`system-alert system-${a.kind}`} role="alert">
            <strong>{SYSTEM_KIND_LABELS[a.kind]}</strong> <span>{a.message}</span>{' '}
            <time className="muted small" dateTime={new Date(a.raisedAtMs).toISOString()}>since {new Date(a.raisedAtMs).toLocaleTimeString()}</time>
          </li>
        ))}
      </ul>
    </div>
  );
}
