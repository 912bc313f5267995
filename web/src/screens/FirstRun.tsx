/** First run: create the administrator account, then add the first camera (or skip). */
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../lib/use-action.ts';
import type { Me } from '../api/types.ts';
import { CameraEditor } from './CameraEditor.tsx';

const MIN_PASSWORD = 8;

export function FirstRun({ onDone }: { onDone: (me: Me) => void }): React.JSX.Element {
  const [me, setMe] = useState<Me>();
  if (!me) return <CreateAdmin onCreated={setMe} />;
  return (
    <div className="wizard">
      <header className="wizard-head">
        <div className="brand"><span className="brand-dot" aria-hidden="true" />Vigie</div>
        <ol className="steps" aria-label="Set-up steps">
          <li className="done">1. Administrator account</li>
          <li aria-current="step">2. First camera</li>
        </ol>
        <button type="button" className="ghost" onClick={() => onDone(me)}>Skip, add cameras later</button>
      </header>
      <CameraEditor onSaved={() => onDone(me)} onCancel={() => onDone(me)} />
    </div>
  );
}

function CreateAdmin({ onCreated }: { onCreated: (me: Me) => void }): React.JSX.Element {
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, run, setError } = useAction();

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(`The password needs at least ${MIN_PASSWORD} characters.`);
    if (password !== confirm) return setError('The two passwords differ.');
    await run(async () => onCreated(await api.post<Me>('/api/setup', { username: username.trim(), password, token: token.trim() })));
  };

  return (
    <div className="center-page">
      <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title">
        <div className="brand big"><span className="brand-dot" aria-hidden="true" />Vigie</div>
        <h1 id="setup-title">Welcome: create the administrator</h1>
        <p className="muted">No account exists yet. This first account administers users and cameras.</p>
        <label>
          <span>First-run token <span className="muted small">(printed on the server's console at start: <code>first-run token: …</code>)</span></span>
          <input name="token" autoComplete="off" spellCheck={false} required value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <label>
          Username
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          <span>Password <span className="muted small">(at least {MIN_PASSWORD} characters)</span></span>
          <input name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Confirm password
          <input name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </label>
        {error && <p className="error-box" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
    </div>
  );
}
