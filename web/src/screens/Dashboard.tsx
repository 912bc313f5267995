/** Dashboard: alerts per day / type / camera, operator-measured precision, time to acknowledge, uptime. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAlertStream, useCameras } from '../api/hub-hooks.ts';
import type { EventType, Stats } from '../api/types.ts';
import { HBarChart, StackedDays, type Bar } from '../components/charts.tsx';
import { CameraHealthCard } from '../components/CameraHealthCard.tsx';
import { useI18n } from '../i18n/context.tsx';
import { EVENT_COLORS, EVENT_TYPES, eventLabel } from '../lib/labels.ts';

const PERIODS = [1, 7, 30] as const;

export function Dashboard(): React.JSX.Element {
  const { t, fmt } = useI18n();
  const cameras = useCameras();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(7);
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<string>();
  const refreshTimer = useRef<number | undefined>(undefined);

  const load = useCallback(() => {
    api.get<Stats>(`/api/stats?days=${days}`).then(
      (s) => (setStats(s), setError(undefined)),
      (err: unknown) => setError(describeError(err, t)),
    );
  }, [days, t]);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, 30_000);
    return () => window.clearInterval(timer);
  }, [load]);

  // Live alerts and qualifications: refresh, at most once per 2 s.
  useAlertStream(
    useCallback(() => {
      window.clearTimeout(refreshTimer.current);
      refreshTimer.current = window.setTimeout(load, 2000);
    }, [load]),
  );

  const types = EVENT_TYPES.filter((type) => (stats?.byType[type]?.total ?? 0) > 0);
  const name = (id: string): string => cameras.find((c) => c.id === id)?.name ?? id;
  const sum = (of: 'total' | 'pending' | 'confirmed' | 'falseAlarm'): number => types.reduce((s, type) => s + (stats?.byType[type]?.[of] ?? 0), 0);
  const [total, pending, confirmed, falseAlarm] = [sum('total'), sum('pending'), sum('confirmed'), sum('falseAlarm')];

  const byType: Bar[] = types.map((type) => ({ label: eventLabel(type, t), value: stats?.byType[type]?.total ?? 0, color: EVENT_COLORS[type] }));
  const precision: Bar[] = types.map((type) => {
    const s = stats?.byType[type];
    const n = (s?.confirmed ?? 0) + (s?.falseAlarm ?? 0);
    return { label: eventLabel(type, t), value: s?.precision ?? null, color: EVENT_COLORS[type], text: s?.precision == null ? t('dashboard.notQualified') : `${fmt.percent(s.precision)} (n=${n})` };
  });
  const byCamera: Bar[] = Object.entries(stats?.byCamera ?? {}).sort((a, b) => b[1].total - a[1].total).map(([id, v]) => ({ label: name(id), value: v.total }));
  const uptime: Bar[] = Object.entries(stats?.cameraUptime ?? {}).map(([id, u]) => ({ label: name(id), value: u, color: u >= 0.95 ? 'var(--ok)' : u >= 0.8 ? 'var(--warn)' : 'var(--danger)', text: fmt.percent(u, 1) }));
  const dayCols = (stats?.byDay ?? []).map((d) => ({
    day: d.day,
    parts: EVENT_TYPES.map((type) => ({ key: type, label: eventLabel(type, t), value: d.byType[type] ?? 0, color: EVENT_COLORS[type] })),
  }));
  const precisionHint = `${t('dashboard.confirmedCount', { count: confirmed })}, ${t('dashboard.falseAlarmCount', { count: falseAlarm })}`;

  return (
    <section className="screen dashboard" aria-labelledby="dash-title">
      <header className="screen-head">
        <h1 id="dash-title">{t('dashboard.title')}</h1>
        <div className="segmented" role="group" aria-label={t('dashboard.period')}>
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={days === p} onClick={() => setDays(p)}>{p === 1 ? t('dashboard.last24h') : t('dashboard.days', { count: p })}</button>
          ))}
        </div>
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="kpis">
        <Kpi label={t('dashboard.kpiAlerts')} value={String(total)} testId="kpi-total" />
        <Kpi label={t('dashboard.kpiPending')} value={String(pending)} tone={pending ? 'warn' : undefined} testId="kpi-pending" />
        <Kpi label={t('dashboard.kpiAck')} value={stats?.meanAckSeconds == null ? '–' : fmt.duration(stats.meanAckSeconds)} testId="kpi-ack" />
        <Kpi label={t('dashboard.kpiPrecision')} value={confirmed + falseAlarm ? fmt.percent(confirmed / (confirmed + falseAlarm)) : '–'} hint={precisionHint} testId="kpi-precision" />
      </div>
      <div className="cards">
        <article className="card wide">
          <h2>{t('dashboard.perDay')}</h2>
          <StackedDays days={dayCols} title={t('dashboard.perDayChart')} />
          <Legend types={EVENT_TYPES.filter((type) => dayCols.some((d) => d.parts.some((p) => p.key === type && p.value > 0)))} />
        </article>
        <article className="card"><h2>{t('dashboard.perType')}</h2><HBarChart bars={byType} title={t('dashboard.perType')} /></article>
        <article className="card"><h2>{t('dashboard.perCamera')}</h2><HBarChart bars={byCamera} title={t('dashboard.perCamera')} /></article>
        <article className="card">
          <h2>{t('dashboard.precisionPerType')} <span className="muted small">{t('dashboard.precisionFormula')}</span></h2>
          <HBarChart bars={precision} max={1} title={t('dashboard.precisionChart')} />
        </article>
        <CameraHealthCard cameras={cameras} />
        <article className="card"><h2>{t('dashboard.uptime')}</h2><HBarChart bars={uptime} max={1} title={t('dashboard.uptime')} /></article>
      </div>
      {types.length > 0 && (
        <table className="table small-table" aria-label={t('dashboard.qualificationTable')}>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.colType')}</th>
              <th scope="col">{t('dashboard.colTotal')}</th>
              <th scope="col">{t('dashboard.colConfirmed')}</th>
              <th scope="col">{t('dashboard.colFalseAlarm')}</th>
              <th scope="col">{t('dashboard.colDuplicate')}</th>
              <th scope="col">{t('dashboard.colPending')}</th>
              <th scope="col">{t('dashboard.colPrecision')}</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type: EventType) => {
              const s = stats?.byType[type];
              return (
                <tr key={type} data-type={type}>
                  <th scope="row">{eventLabel(type, t)}</th>
                  <td>{s?.total}</td><td>{s?.confirmed}</td><td>{s?.falseAlarm}</td><td>{s?.duplicate}</td><td>{s?.pending}</td><td>{fmt.percent(s?.precision)}</td>
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
  const { t } = useI18n();
  return (
    <ul className="legend-list">
      {types.map((type) => (
        <li key={type}><span className="type-dot" style={{ background: EVENT_COLORS[type] }} aria-hidden="true" />{eventLabel(type, t)}</li>
      ))}
    </ul>
  );
}
