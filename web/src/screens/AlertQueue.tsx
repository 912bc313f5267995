/**
 * The alert queue: newest first, live over the WebSocket, filters, keyboard driven
 * (j/k or arrows to move, Enter to open, c confirm, f doubt lifted, d duplicate, / filters).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { qualifyAlert } from '../api/alerts.ts';
import { describeError, api } from '../api/client.ts';
import { useAlertStream, useCameras, useConnection, usePermissions } from '../api/hub-hooks.ts';
import type { Qualification, StoredAlert } from '../api/types.ts';
import { AlertFilters } from '../components/AlertFilters.tsx';
import { AlertRow } from '../components/AlertRow.tsx';
import { SystemAlerts } from '../components/SystemAlerts.tsx';
import { DEFAULT_FILTER, alertQuery, applyLive, type AlertFilter } from '../lib/alert-filter.ts';
import { QUALIFY_KEYS, isShortcut } from '../lib/keys.ts';
import { STATUS_LABELS } from '../lib/labels.ts';
import { navigate } from '../lib/router.ts';
import { useNow } from '../lib/use-now.ts';

const LIMIT = 200;
const FILTER_KEY = 'vigie.queue.filter';
let lastSelectedId: string | undefined;

function loadFilter(): AlertFilter {
  try {
    const raw = window.sessionStorage.getItem(FILTER_KEY);
    return raw ? { ...DEFAULT_FILTER, ...(JSON.parse(raw) as Partial<AlertFilter>) } : DEFAULT_FILTER;
  } catch (err) {
    console.warn('stored filter ignored', err);
    return DEFAULT_FILTER;
  }
}

export function AlertQueue(): React.JSX.Element {
  const cameras = useCameras();
  const canQualify = usePermissions().qualify;
  const nowMs = useNow();
  const [filter, setFilter] = useState<AlertFilter>(loadFilter);
  const [alerts, setAlerts] = useState<StoredAlert[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState('');
  const [selectedId, setSelectedId] = useState<string | undefined>(lastSelectedId);
  const connection = useConnection();
  const [reloads, setReloads] = useState(0);
  const wasClosed = useRef(false);
  const liveIds = useRef(new Set<string>());
  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  const listRef = useRef<HTMLUListElement>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  // Alerts raised while the WebSocket was down: reload the list once it is back.
  useEffect(() => {
    if (connection === 'closed') wasClosed.current = true;
    if (connection === 'open' && wasClosed.current) {
      wasClosed.current = false;
      setReloads((n) => n + 1);
    }
  }, [connection]);

  useEffect(() => {
    window.sessionStorage.setItem(FILTER_KEY, JSON.stringify(filter));
    let cancelled = false;
    setLoading(true);
    liveIds.current.clear();
    api
      .get<StoredAlert[]>(alertQuery(filter, Date.now(), LIMIT))
      .then((list) => {
        if (cancelled) return;
        setAlerts(list);
        setError(undefined);
      })
      .catch((err: unknown) => !cancelled && setError(describeError(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filter, reloads]);

  useAlertStream(
    useCallback((alert: StoredAlert, kind: 'alert' | 'alert-updated') => {
      if (kind === 'alert') liveIds.current.add(alert.id);
      setAlerts((list) => applyLive(list, alert, filterRef.current, Date.now()));
    }, []),
  );

  const index = useMemo(() => {
    const i = alerts.findIndex((a) => a.id === selectedId);
    return i < 0 ? 0 : i;
  }, [alerts, selectedId]);
  const selected = alerts[index];

  const select = useCallback((id: string | undefined, focus: boolean) => {
    lastSelectedId = id;
    setSelectedId(id);
    if (focus && id) window.requestAnimationFrame(() => rowRefs.current.get(id)?.focus());
  }, []);

  const qualify = useCallback(
    async (alert: StoredAlert, status: Qualification) => {
      if (alert.status !== 'new') return setNotice(`Already qualified: ${STATUS_LABELS[alert.status]}`);
      const next = alerts[alerts.indexOf(alert) + 1] ?? alerts[alerts.indexOf(alert) - 1];
      try {
        const updated = await qualifyAlert(alert.id, status);
        setAlerts((list) => applyLive(list, updated, filterRef.current, Date.now()));
        setNotice(`${STATUS_LABELS[status]}: ${alert.message}`);
        if (!rowStillShown(updated, filterRef.current)) select(next?.id, true);
      } catch (err) {
        setNotice(`Could not qualify: ${describeError(err)}`);
      }
    },
    [alerts, select],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isShortcut(e)) return;
      const move = (delta: number): void => {
        e.preventDefault();
        const target = alerts[Math.max(0, Math.min(alerts.length - 1, index + delta))];
        if (target) select(target.id, true);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') return move(1);
      if (e.key === 'k' || e.key === 'ArrowUp') return move(-1);
      if (e.key === 'Home') return move(-alerts.length);
      if (e.key === 'End') return move(alerts.length);
      if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLSelectElement>('.filters select')?.focus();
        return;
      }
      if (!selected) return;
      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        navigate({ name: 'alert', id: selected.id });
        return;
      }
      const status = QUALIFY_KEYS[e.key as keyof typeof QUALIFY_KEYS];
      if (status && canQualify) {
        e.preventDefault();
        void qualify(selected, status);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [alerts, index, selected, select, qualify, canQualify]);

  const cameraName = (id: string): string => cameras.find((c) => c.id === id)?.name ?? id;

  return (
    <section className="screen queue" aria-labelledby="queue-title">
      <header className="screen-head">
        <h1 id="queue-title">Alerts</h1>
        <span className="muted">{loading ? 'Loading…' : `${alerts.length}${alerts.length === LIMIT ? '+' : ''} shown`}</span>
        <KeyHelp />
      </header>
      <SystemAlerts />
      <AlertFilters filter={filter} cameras={cameras} onChange={setFilter} />
      {error && <p className="error-box" role="alert">{error}</p>}
      <p className="sr-only" aria-live="polite">{notice}</p>
      {notice && <div className="toast" role="status">{notice}</div>}
      {!loading && alerts.length === 0 && !error && (
        <div className="empty">
          <p>No alert matches these filters.</p>
          <p className="muted small">New alerts appear here live, with a sound cue.</p>
        </div>
      )}
      <ul
        ref={listRef}
        className="alert-list"
        aria-label="Alerts, newest first"
        tabIndex={alerts.length ? -1 : undefined}
      >
        {alerts.map((a) => (
          <AlertRow
            key={a.id}
            ref={(el) => {
              if (el) rowRefs.current.set(a.id, el);
              else rowRefs.current.delete(a.id);
            }}
            alert={a}
            cameraName={cameraName(a.cameraId)}
            selected={a.id === selected?.id}
            live={liveIds.current.has(a.id)}
            nowMs={nowMs}
            onSelect={() => select(a.id, false)}
            onOpen={() => navigate({ name: 'alert', id: a.id })}
            onQualify={canQualify ? (status) => void qualify(a, status) : undefined}
          />
        ))}
      </ul>
    </section>
  );
}

function rowStillShown(alert: StoredAlert, filter: AlertFilter): boolean {
  return !filter.status || filter.status === alert.status;
}

function KeyHelp(): React.JSX.Element {
  return (
    <details className="key-help">
      <summary>Keyboard</summary>
      <dl>
        <dt><kbd>j</kbd>/<kbd>k</kbd>, <kbd>↓</kbd>/<kbd>↑</kbd></dt><dd>next / previous alert</dd>
        <dt><kbd>Enter</kbd></dt><dd>open the alert</dd>
        <dt><kbd>c</kbd></dt><dd>confirm</dd>
        <dt><kbd>f</kbd></dt><dd>doubt lifted (false alarm)</dd>
        <dt><kbd>d</kbd></dt><dd>duplicate</dd>
        <dt><kbd>/</kbd></dt><dd>filters</dd>
        <dt><kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>4</kbd></dt><dd>alerts, live view, cameras, dashboard</dd>
      </dl>
    </details>
  );
}
