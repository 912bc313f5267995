/** Your own account: change your password with the current one; your other sessions end. */
import { useContext, useState } from 'react';
import { api } from '../api/client.ts';
import { MeContext } from '../api/hub-hooks.ts';
import { useI18n } from '../i18n/context.tsx';
import { roleName } from '../lib/access.ts';
import { useAction } from '../lib/use-action.ts';

const MIN_PASSWORD = 8;

export function Account(): React.JSX.Element {
  const { t } = useI18n();
  const me = useContext(MeContext);
  const action = useAction();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    setDone(false);
    if (form.newPassword !== form.confirm) return action.setError(t('app.newPasswordsDiffer'));
    void action.run(async () => {
      await api.post('/api/me/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    });
  };

  return (
    <section className="screen" aria-labelledby="account-title">
      <header className="screen-head">
        <h1 id="account-title">{t('app.accountTitle')}</h1>
        <span className="muted">{me?.username} · {me && roleName(me.role, t)}</span>
      </header>
      <form className="panel user-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">{t('app.changePasswordTitle')}</h2>
        <p className="muted small">{t('app.otherSessionsEnd')}</p>
        <div className="form-row">
          <label>
            {t('app.currentPassword')}
            <input type="password" required autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
          </label>
          <label>
            <span>
              {t('app.newPassword')} <span className="muted small">{t('app.atLeastChars', { min: MIN_PASSWORD })}</span>
            </span>
            <input type="password" required minLength={MIN_PASSWORD} autoComplete="new-password" value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
          </label>
          <label>
            {t('app.repeatNewPassword')}
            <input type="password" required minLength={MIN_PASSWORD} autoComplete="new-password" value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
          </label>
        </div>
        {action.error && <p className="error-box" role="alert">{action.error}</p>}
        {done && <p className="ok-text" role="status">{t('app.passwordChanged')}</p>}
        <div className="button-row end">
          <button type="submit" className="primary" disabled={action.busy}>{t('app.changePassword')}</button>
        </div>
      </form>
    </section>
  );
}
