/**
 * The signed-in console: navigation, status bar (connection, mute, user) and the current screen.
 * Owns the live hub and the global cues: pending count in the title, the sound cue (lib/use-alert-cue.ts)
 * and its banner when the browser blocks sound.
 */
import { useCallback, useEffect, useState } from 'react';
import { createHub, type Connection, type Hub } from './api/hub.ts';
import { HubContext, MeContext, useAlertStream, useCameras, useConnection, usePending } from './api/hub-hooks.ts';
import type { Me } from './api/types.ts';
import { unlockAudio } from './lib/beep.ts';
import { useAlertCue } from './lib/use-alert-cue.ts';
import { usePersistentFlag } from './lib/prefs.ts';
import { href, useRoute, type Route } from './lib/router.ts';
import { AlertQueue } from './screens/AlertQueue.tsx';
import { AlertDetailScreen } from './screens/AlertDetail.tsx';
import { LiveWall } from './screens/LiveWall.tsx';
import { CameraList } from './screens/CameraList.tsx';
import { CameraEditor } from './screens/CameraEditor.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { Users } from './screens/Users.tsx';
import { Journal } from './screens/Journal.tsx';
import { Report } from './screens/Report.tsx';
import { Settings } from './screens/Settings.tsx';
import { Account } from './screens/Account.tsx';
import { Refused } from './screens/Refused.tsx';
import { Authorisations } from './screens/Authorisations.tsx';
import { GlobalKillSwitch } from './components/KillSwitch.tsx';
import { roleName, screenAccess } from './lib/access.ts';
import { LangSwitch } from './components/LangSwitch.tsx';
import { ViewingGate } from './components/ViewingGate.tsx';
import type { MessageKey } from './i18n/catalog.ts';
import { useI18n } from './i18n/context.tsx';

export function Console({ me, onLogout }: { me: Me; onLogout: () => void }): React.JSX.Element {
  const { t } = useI18n();
  const [hub, setHub] = useState<Hub>();
  useEffect(() => {
    const h = createHub();
    setHub(h);
    return () => h.close();
  }, []);
  if (!hub) return <div className="center-page muted">{t('app.connecting')}</div>;
  return (
    <MeContext.Provider value={me}>
      <HubContext.Provider value={hub}>
        <Shell me={me} onLogout={onLogout} />
      </HubContext.Provider>
    </MeContext.Provider>
  );
}

const NAV: readonly { route: Route; label: MessageKey; key: string }[] = [
  { route: { name: 'alerts' }, label: 'app.navAlerts', key: '1' },
  { route: { name: 'live' }, label: 'app.navLive', key: '2' },
  { route: { name: 'cameras' }, label: 'app.navCameras', key: '3' },
  { route: { name: 'dashboard' }, label: 'app.navDashboard', key: '4' },
  { route: { name: 'users' }, label: 'app.navAccounts', key: '5' },
  { route: { name: 'journal' }, label: 'app.navJournal', key: '6' },
  { route: { name: 'settings' }, label: 'app.navSettings', key: '7' },
  { route: { name: 'authorisations' }, label: 'legal.navAuthorisations', key: '8' },
  { route: { name: 'report' }, label: 'report.navReport', key: '9' },
];

const CONNECTION: Record<Connection, MessageKey> = { open: 'app.connectionOpen', connecting: 'app.connecting', closed: 'app.connectionClosed' };

/** Screens only some roles see (the server refuses the others anyway). */
const offered = (route: Route['name'], role: Me['role']): boolean => screenAccess(route, role).ok;

function section(route: Route): Route['name'] {
  if (route.name === 'alert') return 'alerts';
  if (route.name === 'camera-new' || route.name === 'camera-edit') return 'cameras';
  return route.name;
}

function Shell({ me, onLogout }: { me: Me; onLogout: () => void }): React.JSX.Element {
  const { t } = useI18n();
  const route = useRoute();
  const pending = usePending();
  const connection = useConnection();
  const cameras = useCameras();
  const [muted, setMuted] = usePersistentFlag('vigie.muted', false);
  const [flash, setFlash] = useState(0);

  useEffect(() => {
    document.title = pending.length > 0 ? t('app.consoleTitlePending', { count: pending.length }) : t('app.consoleTitle');
  }, [pending.length, t]);

  useEffect(() => {
    const unlock = (): void => void unlockAudio().catch((err: unknown) => console.warn('sound', err));
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  const sound = useAlertCue(muted);
  useAlertStream(useCallback((_alert, kind) => kind === 'alert' && setFlash((n) => n + 1), []));

  // Alt+1..8 jump between the screens from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const item = NAV.find((n) => n.key === e.key);
      if (item) {
        e.preventDefault();
        window.location.hash = href(item.route);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const failing = cameras.filter((c) => c.enabled && (c.status.state === 'failed' || c.status.state === 'reconnecting')).length;
  const current = section(route);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <nav className="sidebar" aria-label={t('app.mainNav')}>
        <div className="button-row">
          <div className="brand">
            <span className="brand-dot" aria-hidden="true" />
            Vigie
          </div>
          <LangSwitch />
        </div>
        <ul>
          {NAV.filter((n) => offered(n.route.name, me.role)).map((n) => (
            <li key={n.route.name}>
              <a
                href={href(n.route)}
                aria-current={current === n.route.name ? 'page' : undefined}
                title={t('app.navShortcut', { label: t(n.label), key: n.key })}
              >
                {t(n.label)}
                {n.route.name === 'alerts' && pending.length > 0 && (
                  <span key={flash} className={`badge badge-alert ${flash ? 'pulse' : ''}`} aria-label={t('app.pendingBadge', { count: pending.length })}>
                    {pending.length}
                  </span>
                )}
                {n.route.name === 'cameras' && failing > 0 && (
                  <span className="badge badge-warn" aria-label={t('app.camerasInTrouble', { count: failing })}>{failing}</span>
                )}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <GlobalKillSwitch />
          <div className={`conn conn-${connection}`} role="status">
            <span className="conn-dot" aria-hidden="true" />
            {t(CONNECTION[connection])}
          </div>
          <button
            type="button"
            className="ghost"
            aria-pressed={muted}
            onClick={() => setMuted(!muted)}
            title={t('app.soundHint')}
          >
            <SpeakerIcon muted={muted} />
            {t(muted ? 'app.soundOff' : 'app.soundOn')}
          </button>
          <div className="user">
            <span>{me.username}</span>
            <span className="muted small">{roleName(me.role, t)}</span>
            <a className="small" href={href({ name: 'account' })} aria-current={route.name === 'account' ? 'page' : undefined}>{t('app.accountLink')}</a>
          </div>
          <button type="button" className="ghost" onClick={onLogout}>{t('app.signOut')}</button>
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {sound.blocked && !muted && (
          <button type="button" className="sound-blocked" role="alert" onClick={sound.enable}>
            {t('app.soundBlocked')}
          </button>
        )}
        <Screen route={route} role={me.role} />
      </main>
    </div>
  );
}

function Screen({ route, role }: { route: Route; role: Me['role'] }): React.JSX.Element {
  const access = screenAccess(route.name, role);
  if (!access.ok) return <Refused role={role} needs={access.needs} />;
  switch (route.name) {
    case 'alerts':
      return <ViewingGate screen="alerts"><AlertQueue /></ViewingGate>;
    case 'alert':
      return <ViewingGate screen="alerts"><AlertDetailScreen id={route.id} key={route.id} /></ViewingGate>;
    case 'live':
      return <ViewingGate screen="live"><LiveWall /></ViewingGate>;
    case 'cameras':
      return <CameraList />;
    case 'camera-new':
      return <CameraEditor key="new" />;
    case 'camera-edit':
      return <CameraEditor id={route.id} key={route.id} />;
    case 'dashboard':
      return <Dashboard />;
    case 'users':
      return <Users />;
    case 'journal':
      return <Journal />;
    case 'report':
      return <Report />;
    case 'settings':
      return <Settings />;
    case 'account':
      return <Account />;
    case 'authorisations':
      return <Authorisations />;
  }
}

function SpeakerIcon({ muted }: { muted: boolean }): React.JSX.Element {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
      <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" stroke="none" />
      {muted ? <path d="M11 6l4 4M15 6l-4 4" /> : <path d="M11 5.5a3.5 3.5 0 0 1 0 5M13 3.5a6.5 6.5 0 0 1 0 9" />}
    </svg>
  );
}
