/** Sign-in screen. */
import { useState } from 'react';
import { api } from '../api/client.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useAction } from '../lib/use-action.ts';
import type { Me } from '../api/types.ts';

export function Login({ onLogin }: { onLogin: (me: Me) => void }): React.JSX.Element {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    await run(async () => onLogin(await api.post<Me>('/api/login', { username, password })));
  };

  return (
    <div className="center-page">
      <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="button-row">
          <div className="brand big"><span className="brand-dot" aria-hidden="true" />Vigie</div>
          <LangSwitch />
        </div>
        <h1 id="login-title">{t('app.signIn')}</h1>
        <label>
          {t('app.username')}
          <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('app.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error-box" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('app.signingIn') : t('app.signIn')}</button>
      </form>
    </div>
  );
}
