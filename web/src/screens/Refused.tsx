/** What a role sees on a screen it may not use (opened by URL): a plain refusal, not a form the server would refuse. */
import type { Role, ViewingRefusal } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { refusal, type Needs } from '../lib/access.ts';
import { refusalWords } from '../lib/habilitation-words.ts';

export function Refused({ role, needs }: { role: Role; needs: Needs }): React.JSX.Element {
  const { t } = useI18n();
  return (
    <section className="screen" aria-labelledby="refused-title">
      <header className="screen-head">
        <h1 id="refused-title">{t('app.refusedTitle')}</h1>
      </header>
      <div className="panel" role="alert">
        <p>{refusal(needs, role, t)}</p>
        <p className="muted">{t('app.refusedAsk')} <a href="#/alerts">{t('app.backToAlerts')}</a></p>
      </div>
    </section>
  );
}

/**
 * What an account that may not view alerts sees on the queue, an alert or the live view, instead of
 * an empty screen: why (the API's reason: not habilitated, withdrawn on … by …, expired, training
 * missing), and who can change it. An admin is pointed to the Accounts screen to record their own.
 */
export function ViewingRefused({ title, refusal, role }: { title: string; refusal: ViewingRefusal; role: Role }): React.JSX.Element {
  const { t, fmt } = useI18n();
  return (
    <section className="screen" aria-labelledby="viewing-refused-title">
      <header className="screen-head">
        <h1 id="viewing-refused-title">{title}</h1>
      </header>
      <div className="panel viewing-refused" role="alert" data-reason={refusal.reason}>
        <p>
          <strong>{t('habilitation.refusedLead')}</strong> {refusalWords(refusal, t, fmt.dateTime)}
        </p>
        <p className="muted">{t('habilitation.refusedWhy')}</p>
        <p>{role === 'admin' ? <a href="#/users">{t('habilitation.refusedSelfAdmin')}</a> : t('habilitation.refusedAskAdmin')}</p>
      </div>
    </section>
  );
}
