/** What a role sees on a screen it may not use (opened by URL): a plain refusal, not a form the server would refuse. */
import type { Role } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { refusal, type Needs } from '../lib/access.ts';

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
