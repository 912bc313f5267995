/**
 * The evaluation report (auditors and admins): a period, its indicators per event type
 * (GET /api/report?format=json) and the printable HTML and CSV reports to download. Each
 * generation is journaled by the server.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';
import { eventLabel } from '../lib/labels.ts';
// The JSON of GET /api/report: the server's own types.
import type { EventIndicators as Indicators, Report as ReportData } from '../../../src/report/types.ts';

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function Report(): React.JSX.Element {
  const { t, fmt } = useI18n();
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const [from, setFrom] = useState(isoDay(today - 30 * DAY_MS));
  const [to, setTo] = useState(isoDay(today + DAY_MS));
  const [data, setData] = useState<ReportData>();
  const [error, setError] = useState<string>();
  const valid = from !== '' && to !== '' && from < to;
  const query = (format: string): string => `/api/report?${new URLSearchParams({ from, to, format }).toString()}`;

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setData(await api.get<ReportData>(`/api/report?${new URLSearchParams({ from, to, format: 'json' }).toString()}`));
    } catch (err) {
      setError(describeError(err, t));
    }
  }, [from, to, t]);
  useEffect(() => void (valid ? load() : undefined), [load, valid]);

  const ack = (ms: number | undefined): string => (ms === undefined ? '–' : fmt.duration(Math.round(ms / 1000)));
  const row = (e: Indicators, name: string): React.JSX.Element => (
    <tr key={e.type}>
      <th scope="row">{name}</th>
      <td>{fmt.number(e.signals)}</td>
      <td>{fmt.number(e.confirmed)}</td>
      <td>{fmt.number(e.falseAlarms)}</td>
      <td>{fmt.number(e.duplicates)}</td>
      <td>{fmt.number(e.pending)}</td>
      <td>{fmt.percent(e.precision, 1)}</td>
      <td>{ack(e.meanAckMs)}</td>
      <td>{ack(e.p95AckMs)}</td>
      <td>{fmt.number(e.missed)}</td>
    </tr>
  );

  return (
    <section className="screen" aria-labelledby="report-title">
      <header className="screen-head">
        <h1 id="report-title">{t('report.title')}</h1>
        {valid && <a href={query('html')} download>{t('report.downloadHtml')}</a>}
        {valid && <a href={query('csv')} download>{t('report.downloadCsv')}</a>}
      </header>
      <div className="filters" title={t('report.periodHint')}>
        <label>
          {t('report.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('report.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {!valid && <p className="error-box" role="alert">{t('report.badPeriod')}</p>}
      {error && <p className="error-box" role="alert">{error}</p>}
      {data && (
        <>
          <p className={data.journal.ok ? 'panel' : 'error-box'} role="status">
            {data.journal.ok
              ? t('report.journalOk', { count: data.journal.entries, seq: data.journal.lastSignedSeq ?? 0 })
              : t('report.journalBroken', { seq: data.journal.brokenAtSeq ?? 0, reason: data.journal.reason ?? '' })}
          </p>
          <p>{t('report.camerasAnalysed', { count: data.cameras.analysed, hours: fmt.number(data.cameras.hours, 1) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('report.colType')}</th>
                <th scope="col">{t('report.colSignals')}</th>
                <th scope="col">{t('report.colConfirmed')}</th>
                <th scope="col">{t('report.colFalse')}</th>
                <th scope="col">{t('report.colDuplicates')}</th>
                <th scope="col">{t('report.colPending')}</th>
                <th scope="col">{t('report.colPrecision')}</th>
                <th scope="col">{t('report.colMeanAck')}</th>
                <th scope="col">{t('report.colP95Ack')}</th>
                <th scope="col">{t('report.colMissed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => row(e, eventLabel(e.type, t)))}
              {row(data.totals, t('report.total'))}
            </tbody>
          </table>
          <p>
            {t('report.outages', {
              failed: data.outages.failed.count,
              failedTime: fmt.duration(Math.round(data.outages.failed.totalMs / 1000)),
              reconnecting: data.outages.reconnecting.count,
              reconnectingTime: fmt.duration(Math.round(data.outages.reconnecting.totalMs / 1000)),
            })}
          </p>
          <p>{t('report.people', { accounts: data.people.accounts, habilitated: data.people.habilitated, withdrawn: data.people.withdrawn, missing: data.people.trainingMissing })}</p>
          <p>
            {data.authorisations
              ? t('report.authorisations', { count: data.authorisations.list.length, kills: data.authorisations.killSwitches.length })
              : t('report.authorisationsNotRecorded')}
          </p>
        </>
      )}
    </section>
  );
}
