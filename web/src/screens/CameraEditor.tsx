/**
 * Add or edit a camera: source and "Test connection" (snapshot), events and their parameters
 * (documented defaults from GET /api/events), zones drawn on the snapshot. Checked with the
 * server's schema before sending; the server's own refusal is shown as it comes.
 */
import { useContext, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { loadEventDocs } from '../api/events.ts';
import { HubContext } from '../api/hub-hooks.ts';
import type { CameraView, EventDoc, TestResult } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { EMPTY_DRAFT, draftFromCamera, draftToBody, eventWarnings, validateDraft, type CameraDraft } from '../lib/camera-draft.ts';
import { navigate } from '../lib/router.ts';
import { ZoneEditor } from '../zone-editor/ZoneEditor.tsx';
import { EventPicker } from '../components/EventPicker.tsx';
import { AuthorisedEvents } from '../components/CameraLegal.tsx';

interface Props {
  readonly id?: string;
  readonly onSaved?: (camera: CameraView) => void;
  readonly onCancel?: () => void;
}

const REALTIME = ['auto', 'on', 'off'] as const satisfies readonly CameraDraft['realtime'][];

type Test = { state: 'idle' } | { state: 'testing' } | { state: 'ok'; width: number; height: number } | { state: 'failed'; reason: string };

export function CameraEditor({ id, onSaved, onCancel }: Props): React.JSX.Element {
  const hub = useContext(HubContext);
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<CameraDraft>(EMPTY_DRAFT);
  const [loaded, setLoaded] = useState(id === undefined);
  const [docs, setDocs] = useState<readonly EventDoc[]>([]);
  const [background, setBackground] = useState<string>();
  const [test, setTest] = useState<Test>({ state: 'idle' });
  const [issues, setIssues] = useState<readonly string[]>([]);
  const [serverError, setServerError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    loadEventDocs().then(setDocs, (err: unknown) => setServerError(t('cameras.eventListUnavailable', { error: describeError(err, t) })));
    if (id === undefined) return;
    api
      .get<CameraView>(`/api/cameras/${encodeURIComponent(id)}`)
      .then((cam) => {
        setDraft(draftFromCamera(cam));
        setBackground(`/api/cameras/${encodeURIComponent(id)}/snapshot.jpg?t=${Date.now()}`);
        setLoaded(true);
      })
      .catch((err: unknown) => setServerError(describeError(err, t)));
    // Loaded once per camera: a change of language does not reload it (nor lose the edits).
  }, [id]);

  const set = (patch: Partial<CameraDraft>): void => setDraft((d) => ({ ...d, ...patch }));

  const testConnection = async (): Promise<void> => {
    setTest({ state: 'testing' });
    try {
      const r = await api.post<TestResult>('/api/cameras/test', { url: draft.url.trim() });
      if (r.ok) {
        setBackground(r.snapshot);
        setTest({ state: 'ok', width: r.width, height: r.height });
      } else setTest({ state: 'failed', reason: r.reason });
    } catch (err) {
      setTest({ state: 'failed', reason: describeError(err, t) });
    }
  };

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setServerError(undefined);
    const v = validateDraft(draft, lang);
    if (!v.ok) return setIssues(v.issues);
    setIssues([]);
    setSaving(true);
    try {
      const body = draftToBody(draft);
      const cam = id === undefined
        ? await api.post<CameraView>('/api/cameras', body)
        : await api.put<CameraView>(`/api/cameras/${encodeURIComponent(id)}`, body);
      await hub?.refreshCameras().catch((err: unknown) => console.warn('camera refresh', err));
      if (onSaved) onSaved(cam);
      else navigate({ name: 'cameras' });
    } catch (err) {
      setServerError(describeError(err, t));
    } finally {
      setSaving(false);
    }
  };

  const warnings = eventWarnings(draft, lang);
  if (!loaded) return <section className="screen">{serverError ? <p className="error-box" role="alert">{serverError}</p> : <p className="muted">{t('common.loading')}</p>}</section>;

  return (
    <form className="screen camera-editor" onSubmit={(e) => void save(e)} aria-labelledby="cam-title" noValidate>
      <header className="screen-head">
        {!onCancel && <a className="back" href="#/cameras">← {t('cameras.title')}</a>}
        <h1 id="cam-title">{id === undefined ? t('cameras.addTitle') : t('cameras.editTitle', { id })}</h1>
      </header>
      <div className="editor-grid">
        <fieldset className="panel">
          <legend>{t('cameras.source')}</legend>
          <div className="form-row">
            <label>
              {t('cameras.id')}
              <input name="id" required value={draft.id} disabled={id !== undefined} onChange={(e) => set({ id: e.target.value })} placeholder={t('cameras.idPlaceholder')} pattern="[A-Za-z0-9_\-]{1,64}" />
            </label>
            <label>
              {t('cameras.name')}
              <input name="name" value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder={t('cameras.namePlaceholder')} />
            </label>
          </div>
          <label>
            {t('cameras.url')}
            <input name="url" required value={draft.url} onChange={(e) => set({ url: e.target.value })} placeholder={t('cameras.urlPlaceholder')} className="mono" />
          </label>
          <div className="button-row">
            <button type="button" onClick={() => void testConnection()} disabled={!draft.url.trim() || test.state === 'testing'}>
              {test.state === 'testing' ? t('cameras.testing') : t('cameras.testConnection')}
            </button>
            {test.state === 'ok' && <span className="ok-text" role="status">{t('cameras.connected', { width: test.width, height: test.height })}</span>}
            {test.state === 'failed' && <span className="error-text" role="alert">{test.reason}</span>}
          </div>
          <div className="inline-checks">
            <label><input type="checkbox" name="enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('cameras.enabled')}</label>
            <label><input type="checkbox" name="loop" checked={draft.loop} onChange={(e) => set({ loop: e.target.checked })} /> {t('cameras.loop')}</label>
            <label>
              {t('cameras.realtime')}
              <select value={draft.realtime} onChange={(e) => set({ realtime: e.target.value as CameraDraft['realtime'] })}>
                {REALTIME.map((r) => (
                  <option key={r} value={r}>{t(`cameras.realtime_${r}`)}</option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <div className="events-column">
          <EventPicker docs={docs} events={draft.events} params={draft.params} onChange={(events, params) => set({ events, params })} />
          <AuthorisedEvents cameraId={draft.id} events={draft.events} />
        </div>
      </div>
      <fieldset className="panel">
        <legend>{t('cameras.zones')}</legend>
        <ZoneEditor zones={draft.zones} onChange={(zones) => set({ zones })} background={background} />
      </fieldset>
      <div className="save-bar">
        {warnings.map((w) => <span key={w} className="warn-text">{w}</span>)}
        {issues.length > 0 && (
          <ul className="issues" role="alert" aria-label={t('cameras.problemsToFix')}>
            {issues.map((i) => <li key={i}>{i}</li>)}
          </ul>
        )}
        {serverError && <p className="error-box" role="alert">{t('cameras.serverError', { error: serverError })}</p>}
        <div className="button-row end">
          {onCancel ? <button type="button" className="ghost" onClick={onCancel}>{t('cameras.later')}</button> : <a className="button ghost" href="#/cameras">{t('common.cancel')}</a>}
          <button type="submit" className="primary" disabled={saving}>{saving ? t('cameras.saving') : id === undefined ? t('cameras.addCameraSubmit') : t('cameras.saveChanges')}</button>
        </div>
      </div>
    </form>
  );
}
