/**
 * Shows its screen (the alert queue, an alert, the live view) only to an account that may view
 * alerts, their images and live video (habilitation and both trainings, decided by the server);
 * otherwise the refusal says why. Asks the server when it opens, then follows the live hub's
 * `viewing` messages: a habilitation granted or withdrawn takes effect on the open screen.
 */
import { useContext, useEffect, useState } from 'react';
import { getHabilitation } from '../api/habilitation.ts';
import { MeContext, useHub } from '../api/hub-hooks.ts';
import type { ViewingRefusal } from '../api/types.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/context.tsx';
import { parseRefusal } from '../lib/habilitation-words.ts';
import { ViewingRefused } from '../screens/Refused.tsx';

/** The heading the refusal keeps: the screen's own name. */
const TITLES: Readonly<Record<'alerts' | 'live', MessageKey>> = { alerts: 'app.navAlerts', live: 'app.navLive' };

export function ViewingGate({ screen, children }: { screen: 'alerts' | 'live'; children: React.ReactNode }): React.JSX.Element {
  const { t } = useI18n();
  const me = useContext(MeContext);
  const hub = useHub();
  /** undefined: not known yet; null: allowed. */
  const [refusal, setRefusal] = useState<ViewingRefusal | null>();

  useEffect(() => {
    if (!me) return undefined;
    let cancelled = false;
    let heard = false;
    const off = hub.onMessage((m) => {
      if (m.type !== 'viewing') return;
      heard = true;
      setRefusal(m.ok ? null : (parseRefusal(m.refusal) ?? null));
    });
    getHabilitation(me.username).then(
      (state) => {
        if (!cancelled && !heard) setRefusal(state.viewing.ok ? null : (parseRefusal(state.viewing) ?? null));
      },
      (err: unknown) => {
        // The server refuses the screen's own requests anyway (and says why): show it.
        console.warn('habilitation', err);
        if (!cancelled && !heard) setRefusal(null);
      },
    );
    return () => {
      cancelled = true;
      off();
    };
  }, [hub, me]);

  if (refusal === undefined) return <p className="muted">{t('habilitation.checking')}</p>;
  if (refusal && me) return <ViewingRefused title={t(TITLES[screen])} refusal={refusal} role={me.role} />;
  return <>{children}</>;
}
