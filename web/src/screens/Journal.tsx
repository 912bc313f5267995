/**
 * The journal (auditors and admins): every access and decision, newest first, filtered by account
 * and action, paged backwards; the check of its hash chain, and its export. Reading it is journaled
 * too.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';
import { useAction } from '../lib/use-action.ts';

interface Entry {
  readonly seq: number;
  readonly atMs: number;
  readonly actor?: string;
  readonly action: string;
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

type Check = { readonly ok: true; readonly entries: number } | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: string };

const PAGE = 100;

/** Action filters offered; free text also works ("GET ", "live.", an exact action). */
const ACTIONS: readonly { value: string; text: string }[] = [
  { value: '', text: 'Every action' },
  { value: 'login.', text: 'Failed and throttled sign-ins' },
  { value: 'live.', text: 'Live views' },
  { value: 'alert.raised', text: 'Alerts raised' },
  { value: 'POST /api/alerts/:id/qualify', text: 'Qualifications' },
  { value: 'GET /api/alerts/:id/', text: 'Evidence opened (snapshot, clip)' },
  { value: 'retention.purge', text: 'Retention purges' },
];

function query(actor: string, action: string, before?: number): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (actor.trim()) q.set('actor', actor.trim());
  if (action) q.set('action', action);
  if (before !== undefined) q.set('before', String(before));
  return `/api/journal?${q.toString()}`;
}

function describeDetails(e: Entry): string {
  return Object.entries(e.details ?? {})
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') || '—' : String(v)}`)
    .join(' · ');
}

export function Journal(): React.JSX.Element {
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
      setError(describeError(err));
    }
  }, [actor, action]);
  useEffect(() => void load(), [load]);

  const verify = (): Promise<void> => checking.run(async () => setCheck(await api.get<Check>('/api/journal/verify')));

  return (
    <section className="screen" aria-labelledby="journal-title">
      <header className="screen-head">
        <h1 id="journal-title">Journal</h1>
        <button type="button" disabled={checking.busy} onClick={() => void verify()}>{checking.busy ? 'Checking…' : 'Check the chain'}</button>
        <a href="/api/journal/export" download title="Every entry with its hashes, one JSON object a line; check a copy with `vigie journal verify`">
          Export (NDJSON)
        </a>
      </header>
      {check && (
        <p className={check.ok ? 'panel' : 'error-box'} role="status">
          {check.ok
            ? `Chain intact: ${check.entries} entries, none edited, inserted or removed.`
            : `Chain broken at entry ${check.brokenAtSeq}: ${check.reason} (${check.entries} entries read).`}
        </p>
      )}
      {(error ?? checking.error) && <p className="error-box" role="alert">{error ?? checking.error}</p>}
      <div className="filters">
        <label>
          Account
          <input value={actor} placeholder="any" onChange={(e) => setActor(e.target.value)} />
        </label>
        <label>
          Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            {ACTIONS.map((a) => <option key={a.value} value={a.value}>{a.text}</option>)}
          </select>
        </label>
      </div>
      <table className="table journal">
        <thead>
          <tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Details</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="muted">{e.seq}</td>
              <td className="muted">{formatDateTime(e.atMs)}</td>
              <td>{e.actor ?? <span className="muted">system</span>}</td>
              <td><code>{e.action}</code></td>
              <td>{e.target ?? ''}</td>
              <td className="muted small">{describeDetails(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p className="muted">Nothing journaled matches.</p>}
      {more && (
        <div className="button-row">
          <button type="button" onClick={() => void load(entries.at(-1)?.seq)}>Older entries</button>
        </div>
      )}
    </section>
  );
}
