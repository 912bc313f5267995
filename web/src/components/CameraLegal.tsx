/**
 * The legal framework around one camera: in the camera list, whether it is analysed and under which
 * authorisation, or why not (no authorisation, not started, expired, revoked, kill switch), with its
 * kill switch; in the camera editor, the event types authorised for its id and a warning for those
 * enabled but not authorised (the server refuses to enable them and does not analyse them).
 */
import type { EventType } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { authorisedFor, eventList, notAnalysedWhy, type CameraLegalState } from '../lib/legal.ts';
import { useLegal } from '../lib/use-legal.ts';
import { KillSwitchButton, KillSwitchEngaged } from './KillSwitch.tsx';

/** The camera list's cell: analysed under which authorisation, or why not; the kill switch. */
export function CameraLegalCell({ state, enabled }: { state: CameraLegalState | undefined; enabled: boolean }): React.JSX.Element | null {
  const { t, fmt } = useI18n();
  if (!state) return null;
  const why = notAnalysedWhy(state, t, fmt);
  return (
    <div className="legal-cell small">
      {why ? (
        <span className="warn-text legal-blocked">{t('legal.notAnalysed', { why })}</span>
      ) : (
        state.inForce.length > 0 && <span className="muted">{t('legal.analysedUnder', { reference: state.inForce.join(', ') })}</span>
      )}
      {state.killSwitch?.scope === 'camera' ? <KillSwitchEngaged killSwitch={state.killSwitch} /> : enabled && state.reason !== 'killed' && <KillSwitchButton scope="camera" target={state.cameraId} />}
    </div>
  );
}

/** The camera editor's hint: the event types authorised for this id, and those enabled without authorisation. */
export function AuthorisedEvents({ cameraId, events }: { cameraId: string; events: readonly EventType[] }): React.JSX.Element | null {
  const { t } = useI18n();
  const { state, authorisations } = useLegal();
  const id = cameraId.trim();
  if (!state?.required || !id) return null;
  const allowed = authorisedFor(id, authorisations);
  const refused = events.filter((e) => !allowed.events.includes(e));
  return (
    <div className="authorised-events" role="status">
      {allowed.events.length > 0 ? (
        <p className="muted small">{t('legal.authorisedFor', { id, events: eventList(allowed.events, t), references: allowed.references.join(', ') })}</p>
      ) : (
        <p className="warn-text">{t('legal.noneFor', { id })}</p>
      )}
      {refused.length > 0 && <p className="warn-text">{t('legal.notAuthorisedEnabled', { events: eventList(refused, t) })}</p>}
    </div>
  );
}
