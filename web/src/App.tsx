/**
 * Entry gate: first run (no account yet) -> set-up wizard; no session -> login; otherwise the
 * signed-in console with its live hub. GET /api/setup also gives the deployment's language, the
 * console's language unless the user chose the other one on this browser.
 */
import { useCallback, useEffect, useState } from 'react';
import { isLang } from '../../src/core/lang.ts';
import { ApiError, api, describeError, onUnauthorized } from './api/client.ts';
import type { Me } from './api/types.ts';
import { LangSwitch } from './components/LangSwitch.tsx';
import { useI18n } from './i18n/context.tsx';
import { FirstRun } from './screens/FirstRun.tsx';
import { Login } from './screens/Login.tsx';
import { Console } from './Console.tsx';

type Gate =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'setup' }
  | { readonly kind: 'login' }
  | { readonly kind: 'in'; readonly me: Me };

export function App(): React.JSX.Element {
  const { t, setDeploymentLang } = useI18n();
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const check = useCallback(async () => {
    try {
      const { needsSetup, language } = await api.get<{ needsSetup: boolean; language?: unknown }>('/api/setup');
      if (isLang(language)) setDeploymentLang(language);
      if (needsSetup) return setGate({ kind: 'setup' });
      const me = await api.get<Me>('/api/me');
      setGate({ kind: 'in', me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setGate({ kind: 'login' });
      else setGate({ kind: 'error', error: err });
    }
  }, [setDeploymentLang]);

  useEffect(() => {
    void check();
    return onUnauthorized(() => setGate({ kind: 'login' }));
  }, [check]);

  // Signed in, the console's shell titles the page (with the pending count).
  useEffect(() => {
    if (gate.kind !== 'in') document.title = t('app.consoleTitle');
  }, [gate.kind, t]);

  const logout = useCallback(async () => {
    await api.post('/api/logout').catch((err: unknown) => console.warn('logout', err));
    setGate({ kind: 'login' });
  }, []);

  switch (gate.kind) {
    case 'loading':
      return <div className="center-page muted">{t('app.connectingToVigie')}</div>;
    case 'error':
      return (
        <div className="center-page">
          <div className="card narrow">
            <div className="button-row">
              <h1>{t('app.consoleTitle')}</h1>
              <LangSwitch />
            </div>
            <p className="error-box" role="alert">{describeError(gate.error, t)}</p>
            <button type="button" onClick={() => void check()}>{t('common.retry')}</button>
          </div>
        </div>
      );
    case 'setup':
      return <FirstRun onDone={(me) => setGate({ kind: 'in', me })} />;
    case 'login':
      return <Login onLogin={(me) => setGate({ kind: 'in', me })} />;
    case 'in':
      return <Console me={gate.me} onLogout={() => void logout()} />;
  }
}
