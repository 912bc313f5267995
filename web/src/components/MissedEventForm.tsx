/**
 * "Declare a missed event" on the alert queue (operators, supervisors, admins): a real event that
 * no signal reported, with its camera, type, approximate time and a note (POST /api/missed-events,
 * journaled). The evaluation report counts them per event type.
 */
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useCameras, usePermissions } from '../api/hub-hooks.ts';
import { useI18n } from '../i18n/context.tsx';
import { EVENT_TYPES, eventLabel } from '../lib/labels.ts';
import { useAction } from '../lib/use-action.ts';

const pad = (n: number): string => String(n).padStart(2, '0');
/** The value of a datetime-local input for a time, in the browser's zone. */
const localInput = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function MissedEventButton(): React.JSX.Element | null {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [declared, setDeclared] = useState(false);
  if (!usePermissions().qualify) return null;
  const close = (ok: boolean): void => {
    setOpen(false);
    setDeclared(ok);
  };
  return (
    <>
      <button type="button" title={t('report.declareHint')} onClick={() => { setDeclared(false); setOpen(true); }}>{t('report.declare')}</button>
      {declared && <span role="status" className="muted">{t('report.declared')}</span>}
      {open && <MissedEventForm onDone={close} />}
    </>
  );
}

/** The form; onDone(true) once declared, onDone(false) when cancelled. */
export function MissedEventForm({ onDone }: { onDone: (declared: boolean) => void }): React.JSX.Element {
  const { t } = useI18n();
  const cameras = useCameras();
  const [cameraId, setCameraId] = useState(cameras[0]?.id ?? '');
  const [type, setType] = useState<string>(EVENT_TYPES[0]);
  const [at, setAt] = useState(localInput(Date.now()));
  const [note, setNote] = useState('');
  const action = useAction();

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    void action.run(async () => {
      await api.post('/api/missed-events', { cameraId, type, atMs: new Date(at).getTime(), ...(note.trim() ? { note: note.trim() } : {}) });
      onDone(true);
    });
  };

  return (
    <form className="panel" aria-label={t('report.declare')} onSubmit={submit}>
      <label>
        {t('report.camera')}
        <select value={cameraId} required onChange={(e) => setCameraId(e.target.value)}>
          {cameras.length === 0 && <option value="">{t('report.noCamera')}</option>}
          {cameras.map((c) => <option key={c.id} value={c.id}>{c.name ?? c.id}</option>)}
        </select>
      </label>
      <label>
        {t('report.type')}
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {EVENT_TYPES.map((ty) => <option key={ty} value={ty}>{eventLabel(ty, t)}</option>)}
        </select>
      </label>
      <label>
        {t('report.at')}
        <input type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
      </label>
      <label>
        {t('report.note')}
        <textarea value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      {action.error && <p className="error-box" role="alert">{action.error}</p>}
      <div className="button-row">
        <button type="submit" disabled={action.busy || cameraId === ''}>{t('report.submit')}</button>
        <button type="button" onClick={() => onDone(false)}>{t('report.cancel')}</button>
      </div>
    </form>
  );
}
