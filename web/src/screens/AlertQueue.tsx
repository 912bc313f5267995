/**
 * The alert queue: repeats of one event grouped (lib/alert-groups.ts), pending ones first by
 * priority, live over the WebSocket, filters, keyboard driven (j/k or arrows to move, Enter to open,
 * c confirmed, f false alarm, d duplicate, / filters). The selection is an alert the operator
 * chose, held by id (lib/selection.ts): none by default, and an arriving alert never moves it; the
 * keys act only on it. After a decision it moves, with a notice, to the next pending item.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { qualifyAlerts } from '../api/alerts.ts';
import { describeError, api } from '../api/client.ts';
import { useAlertStream, useCameras, useConnection, usePermissions } from '../api/hub-hooks.ts';
import type { Qualification, StoredAlert } from '../api/types.ts';
import { acknowledge } from '../lib/ack.ts';
import { rememberSelection, rememberedSelection } from '../lib/last-selection.ts';
import { groupAlerts, type AlertGroup } from '../lib/alert-groups.ts';
import { moveSelection, nextPending, selectedGroup } from '../lib/selection.ts';
import { AlertFilters } from '../components/AlertFilters.tsx';
import { AlertRow } from '../components/AlertRow.tsx';
import { SystemAlerts } from '../components/SystemAlerts.tsx';
import { DEFAULT_FILTER, alertQuery, applyLive, replayLive, type AlertFilter } from '../lib/alert-filter.ts';
import { useI18n } from '../i18n/context.tsx';
import { QUALIFY_KEYS, isShortcut } from '../lib/keys.ts';
import { eventLabel, statusLabel } from '../lib/labels.ts';
import { navigate } from '../lib/router.ts';
import { useNow } from '../lib/use-now.ts';
import { MissedEventButton } from '../components/MissedEventForm.tsx';

const LIMIT = 200;
const FILTER_KEY = 'vigie.queue.filter';

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
  const { t } = useI18n();
  const cameras = useCameras();
  const canQualify = usePermissions().qualify;
  const nowMs = useNow();
  const [filter, setFilter] = useState<AlertFilter>(loadFilter);
  const [alerts, setAlerts] = useState<StoredAlert[]>([]);
  const [loading, setLoading] = useState(true);
  /** Why the list could not be loaded (said in the language at render time). */
  const [failure, setFailure] = useState<{ readonly error: unknown }>();
  const [notice, setNotice] = useState('');
  const [selectedId, setSelectedId] = useState<string | undefined>(rememberedSelection);
  const connection = useConnection();
  const [reloads, setReloads] = useState(0);
  const wasClosed = useRef(false);
  const liveIds = useRef(new Set<string>());
  /** The live messages received since the list's current load started (undefined: no load on its way). */
  const duringLoad = useRef<StoredAlert[] | undefined>(undefined);
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
    // Live messages that come while the load is on its way are applied again on its result.
    const during: StoredAlert[] = [];
    duringLoad.current = during;
    api
      .get<StoredAlert[]>(alertQuery(filter, Date.now(), LIMIT))
      .then((list) => {
        if (cancelled) return;
        setAlerts(replayLive(list, during, filter, Date.now()));
        setFailure(undefined);
      })
      .catch((error: unknown) => !cancelled && setFailure({ error }))
      .finally(() => {
        if (duringLoad.current === during) duringLoad.current = undefined;
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [filter, reloads]);

  useAlertStream(
    useCallback((alert: StoredAlert, kind: 'alert' | 'alert-updated') => {
      if (kind === 'alert') liveIds.current.add(alert.id);
      duringLoad.current?.push(alert);
      setAlerts((list) => applyLive(list, alert, filterRef.current, Date.now()));
    }, []),
  );

  const groups = useMemo(() => groupAlerts(alerts), [alerts]);
  const selected = selectedGroup(groups, selectedId);
  const cameraName = useCallback((id: string): string => cameras.find((c) => c.id === id)?.name ?? id, [cameras]);

  const select = useCallback((id: string | undefined, focus: boolean) => {
    rememberSelection(id);
    setSelectedId(id);
    if (id) acknowledge([id]);
    if (focus && id) window.requestAnimationFrame(() => rowRefs.current.get(id)?.focus());
  }, []);

  // Repeats joining the selected group are seen too: their cue stops.
  useEffect(() => {
    if (selected) acknowledge(selected.alerts.map((a) => a.id));
  }, [selected]);

  const qualify = useCallback(
    async (group: AlertGroup, status: Qualification) => {
      if (group.pendingIds.length === 0) return setNotice(t('queue.alreadyQualified', { status: statusLabel(group.latest.status, t) }));
      try {
        const { qualified, refused } = await qualifyAlerts(group.pendingIds, status);
        const after = qualified.reduce<StoredAlert[]>((list, a) => applyLive(list, a, filterRef.current, Date.now()), alerts);
        setAlerts((list) => qualified.reduce<StoredAlert[]>((l, a) => applyLive(l, a, filterRef.current, Date.now()), list));
        const next = nextPending(groupAlerts(after), group.alerts.map((a) => a.id));
        select(next?.id, true);
        const outcome = { status: statusLabel(status, t), count: qualified.length, message: group.latest.message };
        setNotice(
          [
            t(qualified.length > 1 ? 'queue.qualifiedMany' : 'queue.qualifiedOne', outcome),
            // The server says why each one was refused (only a sentence: no status, who or when apart).
            ...(refused.length ? [t('queue.refused', { reasons: refused.map((r) => r.message).join('; ') })] : []),
            next ? t('queue.next', { event: eventLabel(next.latest.type, t), camera: cameraName(next.latest.cameraId) }) : t('queue.nothingLeft'),
          ].join(' '),
        );
      } catch (err) {
        setNotice(t('queue.qualifyFailed', { error: describeError(err, t) }));
      }
    },
    [alerts, select, cameraName, t],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isShortcut(e)) return;
      const move = (delta: number): void => {
        e.preventDefault();
        select(moveSelection(groups, selected?.id, delta), true);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') return move(1);
      if (e.key === 'k' || e.key === 'ArrowUp') return move(-1);
      if (e.key === 'Home') return move(-groups.length);
      if (e.key === 'End') return move(groups.length);
      if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLSelectElement>('.filters select')?.focus();
        return;
      }
      const status = QUALIFY_KEYS[e.key as keyof typeof QUALIFY_KEYS];
      const acts = (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) || (status && canQualify);
      if (!acts) return;
      e.preventDefault();
      if (!selected) return setNotice(t('queue.noSelection'));
      if (e.key === 'Enter') return navigate({ name: 'alert', id: selected.latest.id });
      if (status) void qualify(selected, status);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [groups, selected, select, qualify, canQualify, t]);

  return (
    <section className="screen queue" aria-labelledby="queue-title">
      <header className="screen-head">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <span className="muted">
          {loading
            ? t('common.loading')
            : t('queue.summary', {
                alerts: t('queue.alertCount', { count: alerts.length, more: alerts.length === LIMIT ? '+' : '' }),
                items: t('queue.itemCount', { count: groups.length }),
              })}
        </span>
        <KeyHelp />
        <MissedEventButton />
      </header>
      <SystemAlerts />
      <AlertFilters filter={filter} cameras={cameras} onChange={setFilter} />
      {failure && <p className="error-box" role="alert">{describeError(failure.error, t)}</p>}
      <p className="sr-only" aria-live="polite">{notice}</p>
      {notice && <div className="toast" role="status">{notice}</div>}
      {!loading && alerts.length === 0 && !failure && (
        <div className="empty">
          <p>{t('queue.empty')}</p>
          <p className="muted small">{t('queue.emptyHint')}</p>
        </div>
      )}
      <ul
        ref={listRef}
        className="alert-list"
        aria-label={t('queue.listLabel')}
        tabIndex={alerts.length ? -1 : undefined}
      >
        {groups.map((g) => (
          <AlertRow
            key={g.id}
            ref={(el) => {
              if (el) rowRefs.current.set(g.id, el);
              else rowRefs.current.delete(g.id);
            }}
            group={g}
            cameraName={cameraName(g.latest.cameraId)}
            selected={g.id === selected?.id}
            live={g.alerts.some((a) => liveIds.current.has(a.id))}
            nowMs={nowMs}
            onSelect={() => select(g.id, false)}
            onOpen={() => navigate({ name: 'alert', id: g.latest.id })}
            onQualify={canQualify ? (status) => void qualify(g, status) : undefined}
          />
        ))}
      </ul>
    </section>
  );
}

/** A key cap: the same on every keyboard layout, so not a word of the catalogue. */
function Key({ cap }: { cap: string }): React.JSX.Element {
  return <kbd>{cap}</kbd>;
}

function KeyHelp(): React.JSX.Element {
  const { t } = useI18n();
  return (
    <details className="key-help">
      <summary>{t('queue.keyboard')}</summary>
      <dl>
        <dt><Key cap="j" />/<Key cap="k" />, <Key cap="↓" />/<Key cap="↑" /></dt><dd>{t('queue.keyMove')}</dd>
        <dt><Key cap={t('queue.keyEnter')} /></dt><dd>{t('queue.keyOpen')}</dd>
        <dt><Key cap="c" /></dt><dd>{t('queue.keyConfirmed')}</dd>
        <dt><Key cap="f" /></dt><dd>{t('queue.keyFalseAlarm')}</dd>
        <dt><Key cap="d" /></dt><dd>{t('queue.keyDuplicate')}</dd>
        <dt><Key cap="/" /></dt><dd>{t('queue.keyFilters')}</dd>
        <dt><Key cap="Alt" />+<Key cap="1" />…<Key cap="4" /></dt><dd>{t('queue.keyScreens')}</dd>
      </dl>
    </details>
  );
}
