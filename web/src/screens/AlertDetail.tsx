/**
 * One alert: snapshot (box and zone drawn by the server), evidence clip (box, alert moment and
 * wall-clock time burnt in), facts in words, rule parameters, qualification, evidence export.
 */
import { useCallback, useEffect, useState } from 'react';
import { clipUrl, getAlert, snapshotUrl } from '../api/alerts.ts';
import { describeError } from '../api/client.ts';
import { loadEventDocs } from '../api/events.ts';
import { useAlertStream, useCameras, usePermissions } from '../api/hub-hooks.ts';
import type { AlertDetail, EventDoc, StoredAlert } from '../api/types.ts';
import { QualifyPanel } from '../components/QualifyPanel.tsx';
import { DecisionHistory } from '../components/DecisionHistory.tsx';
import { useNextPending } from '../lib/use-next-pending.ts';
import { StatusPill, TypeTag } from '../components/StatusPill.tsx';
import { alertFacts, alertSummary, keyToWords } from '../../../src/core/alert-facts.ts';
import { LOCALE_TAGS, type Lang } from '../../../src/core/lang.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Translate } from '../i18n/translator.ts';
import { isShortcut } from '../lib/keys.ts';
import { eventLabel } from '../lib/labels.ts';
import { navigate } from '../lib/router.ts';
import { useClip, type Clip as ClipResult, type ClipState } from '../lib/use-clip.ts';
import { clipShown, snapshotShown, type ClipShown } from '../lib/evidence-media.ts';

export function AlertDetailScreen({ id }: { id: string }): React.JSX.Element {
  const { t, fmt, lang } = useI18n();
  const [alert, setAlert] = useState<AlertDetail>();
  /** Why the alert could not be loaded (said in the language at render time). */
  const [failure, setFailure] = useState<{ readonly error: unknown }>();
  const [docs, setDocs] = useState<readonly EventDoc[]>([]);
  const cameras = useCameras();
  const { qualify: canQualify, correct: canCorrect } = usePermissions();
  const next = useNextPending(id);
  const reload = useCallback(() => getAlert(id).then(setAlert, (error: unknown) => setFailure({ error })), [id]);
  const clip = useClip(clipUrl(id));

  useEffect(() => {
    getAlert(id).then(setAlert, (error: unknown) => setFailure({ error }));
    loadEventDocs().then(setDocs, (err: unknown) => console.warn('event docs', err));
  }, [id]);

  useAlertStream(
    useCallback(
      (a: StoredAlert) => {
        if (a.id === id) void reload();
      },
      [id, reload],
    ),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isShortcut(e) && (e.key === 'Escape' || e.key === 'Backspace' || e.key === 'u')) {
        e.preventDefault();
        navigate({ name: 'alerts' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (failure) return <section className="screen"><BackLink /><p className="error-box" role="alert">{describeError(failure.error, t)}</p></section>;
  if (!alert) return <section className="screen"><BackLink /><p className="muted">{t('common.loading')}</p></section>;

  const camera = cameras.find((c) => c.id === alert.cameraId);
  const paramKeys = docs.find((d) => d.type === alert.type)?.params.map((p) => p.key);
  const params = Object.entries(alert.params ?? {}).filter(([k]) => !paramKeys || paramKeys.includes(k));
  const facts = alertFacts(alert, lang, { ...(camera?.name ? { cameraName: camera.name } : {}), ...(alert.zone ? { zoneKind: alert.zone.kind } : {}), formatTime: fmt.dateTime });

  return (
    <section className="screen detail" aria-labelledby="detail-title">
      <header className="screen-head">
        <BackLink />
        <h1 id="detail-title"><TypeTag type={alert.type} /></h1>
        <StatusPill status={alert.status} />
        <span className="muted">{fmt.dateTime(alert.createdAtMs)}</span>
      </header>
      <p className="detail-message" title={alert.message}>{alertSummary(alert, lang)}</p>
      <div className="detail-grid">
        <div className="detail-media">
          <Clip id={alert.id} clip={clip} shown={clipShown(alert, clip.state)} />
          <figure className="media">
            {snapshotShown(alert) === 'image' ? (
              <img src={snapshotUrl(alert.id)} alt={t('detail.snapshotAlt', { type: eventLabel(alert.type, t).toLowerCase() })} />
            ) : (
              <div className="clip-placeholder" role="status">{t('detail.imagePurged')}</div>
            )}
            <figcaption className="muted small">{t('detail.snapshotCaption')}</figcaption>
          </figure>
        </div>
        <div className="side">
          <QualifyPanel alert={alert} readOnly={!canQualify} onQualified={() => void reload()} next={next} onNext={(nextId) => navigate({ name: 'alert', id: nextId })} />
          <DecisionHistory alert={alert} decisions={alert.decisions} canCorrect={canCorrect} onCorrected={() => void reload()} />
          <section className="panel" aria-label={t('detail.facts')}>
            <h2>{t('detail.facts')}</h2>
            <dl className="facts">
              {facts.map((f) => (
                <Fact key={f.label} name={f.label} value={f.text} lang={lang} />
              ))}
            </dl>
            <EvidenceExport id={alert.id} clipState={clip.state} />
          </section>
          <section className="panel" aria-label={t('detail.ruleParams')}>
            <h2>{t('detail.ruleParams')}</h2>
            {params.length === 0 ? (
              <p className="muted small">{t('detail.ruleDefaults')}</p>
            ) : (
              <dl className="facts params">
                {params.map(([k, v]) => (
                  <Fact key={k} name={keyToWords(k)} value={v as number | string | boolean} lang={lang} title={docs.find((d) => d.type === alert.type)?.params.find((p) => p.key === k)?.description} />
                ))}
              </dl>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

const NUMBERS = new Map<Lang, Intl.NumberFormat>();
/** Up to 3 decimals, the language's decimal mark, no grouping (as a parameter is written). */
function shownNumber(value: number, lang: Lang): string {
  let f = NUMBERS.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_TAGS[lang], { maximumFractionDigits: 3, useGrouping: false });
    NUMBERS.set(lang, f);
  }
  return f.format(value);
}

interface FactProps {
  readonly name: string;
  readonly value: number | string | boolean;
  readonly lang: Lang;
  readonly title?: string | undefined;
}

function Fact({ name, value, lang, title }: FactProps): React.JSX.Element {
  const { t } = useI18n();
  const shown = typeof value === 'number' ? shownNumber(value, lang) : typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : value;
  return (
    <>
      <dt title={title}>{name}</dt>
      <dd>{shown}</dd>
    </>
  );
}

function clipProblem(clip: ClipResult, t: Translate): string {
  if (clip.problem?.kind === 'timeout') return t('detail.clipTimeout');
  return clip.problem ? describeError(clip.problem.error, t) : t('detail.clipUnknownError');
}

function Clip({ id, clip, shown: state }: { id: string; clip: ClipResult; shown: ClipShown }): React.JSX.Element {
  const { t } = useI18n();
  return (
    <figure className="media clip" aria-busy={state === 'pending' || state === 'checking'}>
      {state === 'ready' ? (
        <video src={clipUrl(id)} controls muted autoPlay loop playsInline preload="auto" aria-label={t('detail.clip')} />
      ) : (
        <div className="clip-placeholder" role="status">
          {state === 'checking' && t('detail.clipChecking')}
          {state === 'pending' && <><span className="spinner" aria-hidden="true" /> {t('detail.clipEncoding')}</>}
          {state === 'none' && t('detail.clipNone')}
          {state === 'purged' && t('detail.clipPurged')}
          {state === 'error' && t('detail.clipUnavailable', { reason: clipProblem(clip, t) })}
        </div>
      )}
      <figcaption className="muted small">{t('detail.clipCaption')}</figcaption>
    </figure>
  );
}

/** One ZIP with the snapshot, the clip, the facts and their SHA-256; offered once the clip is settled. */
function EvidenceExport({ id, clipState }: { id: string; clipState: ClipState }): React.JSX.Element {
  const { t } = useI18n();
  const waiting = clipState === 'pending' || clipState === 'checking';
  return (
    <p className="evidence-export">
      {waiting ? (
        <button type="button" className="ghost small" disabled title={t('detail.exportWaiting')}>{t('detail.export')}</button>
      ) : (
        <a className="button small" href={`/api/alerts/${encodeURIComponent(id)}/evidence.zip`} download title={t('detail.exportHint')}>
          {t('detail.export')}
        </a>
      )}
    </p>
  );
}

function BackLink(): React.JSX.Element {
  const { t } = useI18n();
  return <a className="back" href="#/alerts" title={t('detail.backHint')}>← {t('detail.back')}</a>;
}
