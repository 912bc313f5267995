/**
 * Entry gate: first run (no account yet) -> set-up wizard; no session -> login; otherwise the
 * signed-in console with its live hub.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, describeError, onUnauthorized } from './api/client.ts';
import type { Me } from './api/types.ts';
import { FirstRun } from './screens/FirstRun.tsx';
import { Login } from './screens/Login.tsx';
import { Console } from './Console.tsx';

type Gate =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'setup' }
  | { readonly kind: 'login' }
  | { readonly kind: 'in'; readonly me: Me };

export function App(): React.JSX.Element {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const check = useCallback(async () => {
    try {
      const { needsSetup } = await api.get<{ needsSetup: boolean }>('/api/setup');
      if (needsSetup) return setGate({ kind: 'setup' });
      const me = await api.get<Me>('/api/me');
      setGate({ kind: 'in', me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setGate({ kind: 'login' });
      else setGate({ kind: 'error', message: describeError(err) });
    }
  }, []);

  useEffect(() => {
    void check();
    return onUnauthorized(() => setGate({ kind: 'login' }));
  }, [check]);

  const logout = useCallback(async () => {
    await api.post('/api/logout').catch((err: unknown) => console.warn('logout', err));
    setGate({ kind: 'login' });
  }, []);

  switch (gate.kind) {
    case 'loading':
      return <div className="center-page muted">Connecting to Vigie…</div>;
    case 'error':
      return (
        <div className="center-page">
          <div className="card narrow">
            <h1>Vigie console</h1>
            <p className="error-box" role="alert">{gate.message}</p>
            <button type="button" onClick={() => void check()}>Retry</button>
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
