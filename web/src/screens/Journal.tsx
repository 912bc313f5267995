/**
 * The journal (auditors and admins): every access and decision, newest first, filtered by account
 * and action, paged backwards; the check of its hash chain, and its export. Reading it is journaled
 * too.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/context.tsx';
import { actionWords, detailsWords } from '../lib/journal-words.ts';
import { useAction } from '../lib/use-action.ts';

interface Entry {
  readonly seq: number;
  readonly atMs: number;
  readonly actor?: string;
  readonly action: string;
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

type Check =
  | { readonly ok: true; readonly entries: number; readonly lastSignedSeq?: number; readonly key?: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: string };

const PAGE = 100;

/** Action filters offered; free text also works ("GET ", "live.", an exact action). */
const ACTIONS: readonly { value: string; text: MessageKey }[] = [
  { value: '', text: 'journal.filterAll' },
  { value: 'login.', text: 'journal.filterLogin' },
  { value: 'live.', text: 'journal.filterLive' },
  { value: 'alert.raised', text: 'journal.filterRaised' },
  { value: 'POST /api/alerts/:id/qualify', text: 'journal.filterQualify' },
  { value: 'GET /api/alerts/:id/', text: 'journal.filterEvidence' },
  { value: 'retention.purge', text: 'journal.filterPurge' },
  { value: 'camera.', text: 'journal.filterCameras' },
  { value: 'account.', text: 'journal.filterAccounts' },
  { value: 'server.', text: 'journal.filterServer' },
];

function query(actor: string, action: string, before?: number): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (actor.trim()) q.set('actor', actor.trim());
  if (action) q.set('action', action);
  if (before !== undefined) q.set('before', String(before));
  return `/api/journal?${q.toString()}`;
}

export function Journal(): React.JSX.Element {
  const { t, fmt } = useI18n();
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [more, setMore] = useState(false);
  const [check, setCheck] = useState<Check>();
  const [error, setError] = useState<string>();
  const checking = useAction();

  const load = useCallback(async (before?: number) => {
    setError(undefined);
    try {
      const page = await api.get<Entry[]>(query(actor, action, before));
      setEntries((old) => (before === undefined ? page : [...old, ...page]));
      setMore(page.length === PAGE);
    } catch (err) {
      setError(describeError(err, t));
    }
  }, [actor, action, t]);
  useEffect(() => void load(), [load]);

  const verify = (): Promise<void> => checking.run(async () => setCheck(await api.get<Check>('/api/journal/verify')));

  return (
    <section className="screen" aria-labelledby="journal-title">
      <header className="screen-head">
        <h1 id="journal-title">{t('journal.title')}</h1>
        <button type="button" disabled={checking.busy} onClick={() => void verify()}>{checking.busy ? t('journal.checking') : t('journal.check')}</button>
        <a href="/api/journal/export" download title={t('journal.exportHint')}>
          {t('journal.export')}
        </a>
        <a href="/api/journal/export?format=csv" download title={t('journal.exportCsvHint')}>
          {t('journal.exportCsv')}
        </a>
      </header>
      {check && (
        <p className={check.ok ? 'panel' : 'error-box'} role="status">
          {check.ok
            ? t('journal.chainIntact', { count: check.entries })
            : t('journal.chainBroken', { count: check.entries, seq: check.brokenAtSeq, reason: check.reason })}
          {check.ok && check.key !== undefined && ` ${t('journal.chainSigned', { seq: check.lastSignedSeq ?? 0, key: check.key.slice(0, 16) })}`}
        </p>
      )}
      {(error ?? checking.error) && <p className="error-box" role="alert">{error ?? checking.error}</p>}
      <div className="filters">
        <label>
          {t('journal.account')}
          <input value={actor} placeholder={t('journal.anyAccount')} onChange={(e) => setActor(e.target.value)} />
        </label>
        <label>
          {t('journal.action')}
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            {ACTIONS.map((a) => <option key={a.value} value={a.value}>{t(a.text)}</option>)}
          </select>
        </label>
      </div>
      <table className="table journal">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('journal.colWhen')}</th>
            <th scope="col">{t('journal.colWho')}</th>
            <th scope="col">{t('journal.colWhat')}</th>
            <th scope="col">{t('journal.colOn')}</th>
            <th scope="col">{t('journal.colDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            // The action in words, with its code (what the filter and an export search for) under it.
            const words = actionWords(e.action, t);
            return (
              <tr key={e.seq}>
                <td className="muted">{e.seq}</td>
                <td className="muted">{fmt.dateTime(e.atMs)}</td>
                <td>{e.actor ?? <span className="muted">{t('journal.system')}</span>}</td>
                <td>
                  {words !== undefined && <div>{words}</div>}
                  <code className={words === undefined ? undefined : 'muted small'}>{e.action}</code>
                </td>
                <td>{e.target ?? ''}</td>
                <td className="muted small">{detailsWords(e.details, t, fmt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p className="muted">{t('journal.empty')}</p>}
      {more && (
        <div className="button-row">
          <button type="button" onClick={() => void load(entries.at(-1)?.seq)}>{t('journal.older')}</button>
        </div>
      )}
    </section>
  );
}
