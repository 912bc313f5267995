/** Dashboard: alerts per day / type / camera, operator-measured precision, time to acknowledge, uptime. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAlertStream, useCameras } from '../api/hub-hooks.ts';
import type { EventType, Stats } from '../api/types.ts';
import { HBarChart, StackedDays, type Bar } from '../components/charts.tsx';
import { CameraHealthCard } from '../components/CameraHealthCard.tsx';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { EVENT_COLORS, EVENT_LABELS, EVENT_TYPES } from '../lib/labels.ts';

const PERIODS = [1, 7, 30] as const;

export function Dashboard(): React.JSX.Element {
  const cameras = useCameras();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(7);
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<string>();
  const refreshTimer = useRef<number | undefined>(undefined);

  const load = useCallback(() => {
    api.get<Stats>(`/api/stats?days=${days}`).then(
      (s) => (setStats(s), setError(undefined)),
      (err: unknown) => setError(describeError(err)),
    );
  }, [days]);

  useEffect(() => {
    load();
    const t = window.setInterval(load, 30_000);
    return () => window.clearInterval(t);
  }, [load]);

  // Live alerts and qualifications: refresh, at most once per 2 s.
  useAlertStream(
    useCallback(() => {
      window.clearTimeout(refreshTimer.current);
      refreshTimer.current = window.setTimeout(load, 2000);
    }, [load]),
  );

  const types = EVENT_TYPES.filter((t) => (stats?.byType[t]?.total ?? 0) > 0);
  const name = (id: string): string => cameras.find((c) => c.id === id)?.name ?? id;
  const total = types.reduce((s, t) => s + (stats?.byType[t]?.total ?? 0), 0);
  const pending = types.reduce((s, t) => s + (stats?.byType[t]?.pending ?? 0), 0);
  const confirmed = types.reduce((s, t) => s + (stats?.byType[t]?.confirmed ?? 0), 0);
  const falseAlarm = types.reduce((s, t) => s + (stats?.byType[t]?.falseAlarm ?? 0), 0);

  const byType: Bar[] = types.map((t) => ({ label: EVENT_LABELS[t], value: stats?.byType[t]?.total ?? 0, color: EVENT_COLORS[t] }));
  const precision: Bar[] = types.map((t) => {
    const s = stats?.byType[t];
    const n = (s?.confirmed ?? 0) + (s?.falseAlarm ?? 0);
    return { label: EVENT_LABELS[t], value: s?.precision ?? null, color: EVENT_COLORS[t], text: s?.precision == null ? 'not qualified' : `${formatPercent(s.precision)} (n=${n})` };
  });
  const byCamera: Bar[] = Object.entries(stats?.byCamera ?? {}).sort((a, b) => b[1].total - a[1].total).map(([id, v]) => ({ label: name(id), value: v.total }));
  const uptime: Bar[] = Object.entries(stats?.cameraUptime ?? {}).map(([id, u]) => ({ label: name(id), value: u, color: u >= 0.95 ? 'var(--ok)' : u >= 0.8 ? 'var(--warn)' : 'var(--danger)', text: formatPercent(u, 1) }));
  const dayCols = (stats?.byDay ?? []).map((d) => ({
    day: d.day,
    parts: EVENT_TYPES.map((t) => ({ key: EVENT_LABELS[t], value: d.byType[t] ?? 0, color: EVENT_COLORS[t] })),
  }));

  return (
    <section className="screen dashboard" aria-labelledby="dash-title">
      <header className="screen-head">
        <h1 id="dash-title">Dashboard</h1>
        <div className="segmented" role="group" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={days === p} onClick={() => setDays(p)}>{p === 1 ? '24 h' : `${p} days`}</button>
          ))}
        </div>
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="kpis">
        <Kpi label="Alerts" value={String(total)} testId="kpi-total" />
        <Kpi label="To qualify" value={String(pending)} tone={pending ? 'warn' : undefined} testId="kpi-pending" />
        <Kpi label="Mean time to acknowledge" value={stats?.meanAckSeconds == null ? '–' : formatDuration(stats.meanAckSeconds)} testId="kpi-ack" />
        <Kpi label="Measured precision" value={confirmed + falseAlarm ? formatPercent(confirmed / (confirmed + falseAlarm)) : '–'} hint={`${confirmed} confirmed, ${falseAlarm} false alarm${falseAlarm === 1 ? '' : 's'}`} testId="kpi-precision" />
      </div>
      <div className="cards">
        <article className="card wide">
          <h2>Alerts per day</h2>
          <StackedDays days={dayCols} title="Alerts per day, stacked by type" />
          <Legend types={EVENT_TYPES.filter((t) => dayCols.some((d) => d.parts.some((p) => p.key === EVENT_LABELS[t] && p.value > 0)))} />
        </article>
        <article className="card"><h2>Alerts per type</h2><HBarChart bars={byType} title="Alerts per type" /></article>
        <article className="card"><h2>Alerts per camera</h2><HBarChart bars={byCamera} title="Alerts per camera" /></article>
        <article className="card">
          <h2>Precision per type <span className="muted small">confirmed ÷ (confirmed + false alarm)</span></h2>
          <HBarChart bars={precision} max={1} title="Operator-measured precision per type" />
        </article>
        <CameraHealthCard cameras={cameras} />
        <article className="card"><h2>Camera uptime</h2><HBarChart bars={uptime} max={1} title="Camera uptime" /></article>
      </div>
      {types.length > 0 && (
        <table className="table small-table" aria-label="Qualification per type">
          <thead>
            <tr><th scope="col">Type</th><th scope="col">Total</th><th scope="col">Confirmed</th><th scope="col">False alarm</th><th scope="col">Duplicate</th><th scope="col">To qualify</th><th scope="col">Precision</th></tr>
          </thead>
          <tbody>
            {types.map((t: EventType) => {
              const s = stats?.byType[t];
              return (
                <tr key={t} data-type={t}>
                  <th scope="row">{EVENT_LABELS[t]}</th>
                  <td>{s?.total}</td><td>{s?.confirmed}</td><td>{s?.falseAlarm}</td><td>{s?.duplicate}</td><td>{s?.pending}</td><td>{formatPercent(s?.precision)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Kpi({ label, value, hint, tone, testId }: { label: string; value: string; hint?: string; tone?: 'warn'; testId: string }): React.JSX.Element {
  return (
    <div className={`kpi ${tone ?? ''}`} data-testid={testId}>
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint && <div className="muted small">{hint}</div>}
    </div>
  );
}

function Legend({ types }: { types: readonly EventType[] }): React.JSX.Element {
  return (
    <ul className="legend-list">
      {types.map((t) => (
        <li key={t}><span className="type-dot" style={{ background: EVENT_COLORS[t] }} aria-hidden="true" />{EVENT_LABELS[t]}</li>
      ))}
    </ul>
  );
}
