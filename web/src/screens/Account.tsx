/** Your own account: change your password with the current one; your other sessions end. */
import { useContext, useState } from 'react';
import { api } from '../api/client.ts';
import { MeContext } from '../api/hub-hooks.ts';
import { useAction } from '../lib/use-action.ts';

export function Account(): React.JSX.Element {
  const me = useContext(MeContext);
  const action = useAction();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    setDone(false);
    if (form.newPassword !== form.confirm) return action.setError('the two new passwords differ');
    void action.run(async () => {
      await api.post('/api/me/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    });
  };

  return (
    <section className="screen" aria-labelledby="account-title">
      <header className="screen-head">
        <h1 id="account-title">Your account</h1>
        <span className="muted">{me?.username} · {me?.role}</span>
      </header>
      <form className="panel user-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p className="muted small">Your other sessions (other browsers, other computers) end; this one stays.</p>
        <div className="form-row">
          <label>
            Current password
            <input type="password" required autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
          </label>
          <label>
            <span>New password <span className="muted small">(at least 8 characters)</span></span>
            <input type="password" required minLength={8} autoComplete="new-password" value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
          </label>
          <label>
            Repeat the new password
            <input type="password" required minLength={8} autoComplete="new-password" value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
          </label>
        </div>
        {action.error && <p className="error-box" role="alert">{action.error}</p>}
        {done && <p className="ok-text" role="status">Password changed.</p>}
        <div className="button-row end">
          <button type="submit" className="primary" disabled={action.busy}>Change password</button>
        </div>
      </form>
    </section>
  );
}
