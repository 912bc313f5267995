/**
 * First run: create the administrator account, then record the first authorisation (the
 * prefectoral order without which no camera is analysed, when legal.requireAuthorisation is on),
 * then add the first camera (or skip either).
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useAction } from '../lib/use-action.ts';
import type { Me } from '../api/types.ts';
import { CameraEditor } from './CameraEditor.tsx';
import { AuthorisationForm } from '../components/AuthorisationForm.tsx';
import type { LegalState } from '../lib/legal.ts';

const MIN_PASSWORD = 8;
/** The server's log line that carries the token, as it prints it (not translated). */
const TOKEN_LOG_LINE = 'first-run token: …';

export function FirstRun({ onDone }: { onDone: (me: Me) => void }): React.JSX.Element {
  const { t } = useI18n();
  const [me, setMe] = useState<Me>();
  const [step, setStep] = useState<'authorisation' | 'camera'>();
  useEffect(() => {
    if (!me) return;
    // Offered only where the server requires an authorisation; unknown (no answer): offered anyway.
    api.get<LegalState>('/api/legal/state').then(
      (s) => setStep(s.required ? 'authorisation' : 'camera'),
      (err: unknown) => {
        console.warn('legal state', err);
        setStep('authorisation');
      },
    );
  }, [me]);
  if (!me) return <CreateAdmin onCreated={setMe} />;
  if (!step) return <div className="center-page muted">{t('common.loading')}</div>;
  return (
    <div className="wizard">
      <header className="wizard-head">
        <div className="brand"><span className="brand-dot" aria-hidden="true" />Vigie</div>
        <ol className="steps" aria-label={t('app.setupSteps')}>
          <li className="done">{t('app.stepAdmin')}</li>
          <li className={step === 'camera' ? 'done' : undefined} aria-current={step === 'authorisation' ? 'step' : undefined}>{t('legal.stepAuthorisation')}</li>
          <li aria-current={step === 'camera' ? 'step' : undefined}>{t('legal.stepCamera')}</li>
        </ol>
        <div className="button-row" style={{ marginLeft: 'auto' }}>
          <LangSwitch />
          <button type="button" className="ghost" onClick={() => onDone(me)}>{t('app.skipCameras')}</button>
        </div>
      </header>
      {step === 'authorisation' ? (
        <div className="screen">
          <p className="muted">{t('legal.wizardIntro')}</p>
          <AuthorisationForm cameraIds={[]} onSaved={() => setStep('camera')} onCancel={() => setStep('camera')} cancelLabel="legal.recordLater" />
        </div>
      ) : (
        <CameraEditor onSaved={() => onDone(me)} onCancel={() => onDone(me)} />
      )}
    </div>
  );
}

function CreateAdmin({ onCreated }: { onCreated: (me: Me) => void }): React.JSX.Element {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, run, setError } = useAction();

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(t('app.passwordTooShort', { min: MIN_PASSWORD }));
    if (password !== confirm) return setError(t('app.passwordsDiffer'));
    await run(async () => onCreated(await api.post<Me>('/api/setup', { username: username.trim(), password, token: token.trim() })));
  };

  return (
    <div className="center-page">
      <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title">
        <div className="button-row">
          <div className="brand big"><span className="brand-dot" aria-hidden="true" />Vigie</div>
          <LangSwitch />
        </div>
        <h1 id="setup-title">{t('app.setupTitle')}</h1>
        <p className="muted">{t('app.setupIntro')}</p>
        <label>
          <span>
            {t('app.setupToken')} <span className="muted small">{t('app.setupTokenHint')} <code>{TOKEN_LOG_LINE}</code>)</span>
          </span>
          <input name="token" autoComplete="off" spellCheck={false} required value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <label>
          {t('app.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          <span>
            {t('app.password')} <span className="muted small">{t('app.atLeastChars', { min: MIN_PASSWORD })}</span>
          </span>
          <input name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          {t('app.confirmPassword')}
          <input name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </label>
        {error && <p className="error-box" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('app.creating') : t('app.createAccount')}</button>
      </form>
    </div>
  );
}
