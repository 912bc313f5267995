/**
 * System alerts at the top of the alert queue: each open incident (camera lost, alerts not
 * stored, disk nearly full) as its own red item with a sound cue when raised, and a banner while
 * the server keeps alerts it could not store. Loaded from /api/system-health, then live.
 */
import { useEffect, useReducer } from 'react';
import { useSystemHealth } from '../api/use-system-health.ts';
import { useCameras, useHub } from '../api/hub-hooks.ts';
import type { ServerMessage, SystemHealth } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { playCue } from '../lib/beep.ts';
import { EMPTY_SYSTEM_VIEW, applySystemMessage, systemAlertText, systemKindLabel, type SystemContext, type SystemView } from '../lib/system-alerts.ts';

type Action = { readonly kind: 'message'; readonly msg: ServerMessage } | { readonly kind: 'health'; readonly health: SystemHealth };

function reduce(view: SystemView, action: Action): SystemView {
  if (action.kind === 'message') return applySystemMessage(view, action.msg);
  return { ...view, open: [...action.health.systemAlerts], cue: false };
}

const HALF_DAY_MS = 12 * 3_600_000;

export function SystemAlerts(): React.JSX.Element | null {
  const hub = useHub();
  const cameras = useCameras();
  const { t, fmt } = useI18n();
  const [view, dispatch] = useReducer(reduce, EMPTY_SYSTEM_VIEW);
  const health = useSystemHealth();

  useEffect(() => hub.onMessage((msg) => dispatch({ kind: 'message', msg })), [hub]);
  useEffect(() => {
    if (health) dispatch({ kind: 'health', health });
  }, [health]);
  useEffect(() => {
    if (view.cue) playCue(1); // a lost camera or an unstored alert: top priority cue
  }, [view.cue, view.open]);

  const unstored = Math.max(view.unstored.length, health?.store.unstoredAlerts ?? 0);
  if (view.open.length === 0 && unstored === 0) return null;
  const ctx: SystemContext = {
    cameraName: (id) => cameras.find((c) => c.id === id)?.name,
    ...(health?.disk.freeBytes !== undefined ? { diskFreeBytes: health.disk.freeBytes } : {}),
    ...(health?.store.reason ? { storeReason: health.store.reason } : {}),
    formatNumber: (n) => fmt.number(n),
  };
  const since = (ms: number): string => (Date.now() - ms < HALF_DAY_MS ? fmt.time(ms) : fmt.dateTime(ms));
  return (
    <div className="system-alerts" data-testid="system-alerts">
      {unstored > 0 && (
        <p className="system-banner" role="alert">
          {t('queue.unstoredShown', { count: unstored })} <strong>{t('queue.unstoredNotStored', { count: unstored })}</strong>
          {t('queue.unstoredWhy', { count: unstored })}
        </p>
      )}
      <ul aria-label={t('queue.systemAlerts')}>
        {view.open.map((a) => (
          <li key={a.id} className={`system-alert system-${a.kind}`} role="alert">
            <strong>{systemKindLabel(a.kind, t)}</strong> <span>{systemAlertText(a, ctx, t)}</span>{' '}
            <time className="muted small" dateTime={new Date(a.raisedAtMs).toISOString()}>{t('queue.systemSince', { time: since(a.raisedAtMs) })}</time>
          </li>
        ))}
      </ul>
    </div>
  );
}
