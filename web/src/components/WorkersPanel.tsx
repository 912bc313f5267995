/**
 * The analysis workers of the distributed mode (`serve --bus`), under the camera list: each worker
 * heard on the bus, alive or silent (stopped, killed, cut off: listed for an hour), with the cameras
 * its last heartbeat named. From /api/system-health, every 15 s; nothing in single-box mode.
 */
import { useSystemHealth } from '../api/use-system-health.ts';
import { useI18n } from '../i18n/context.tsx';

export function WorkersPanel(): React.JSX.Element | null {
  const { t, fmt } = useI18n();
  const workers = useSystemHealth()?.workers;
  if (workers === undefined) return null;
  return (
    <section aria-labelledby="workers-title" data-testid="workers">
      <h2 id="workers-title">{t('cameras.workersTitle')}</h2>
      {workers.every((w) => w.level !== 'ok') && <p className="error-box" role="alert">{t('cameras.workersNone')}</p>}
      {workers.length > 0 && (
        <table className="table workers">
          <thead>
            <tr>
              <th scope="col">{t('cameras.colWorker')}</th>
              <th scope="col">{t('cameras.colHost')}</th>
              <th scope="col">{t('cameras.colWorkerState')}</th>
              <th scope="col">{t('cameras.colWorkerCameras')}</th>
              <th scope="col">{t('cameras.colWorkerStarted')}</th>
            </tr>
          </thead>
          <tbody>
            {workers.map((w) => (
              <tr key={w.workerId} data-worker={w.workerId}>
                <td className="mono">{w.workerId}</td>
                <td className="mono small">{w.host}</td>
                <td>
                  <span className={`health ${w.level === 'ok' ? 'health-running' : 'health-silent'} health-level-${w.level}`} data-health={w.level}>
                    <span className="health-dot" aria-hidden="true" />
                    <span>{w.level === 'ok' ? t('cameras.workerAlive') : t('cameras.workerSilent', { duration: fmt.duration(Math.round(w.silentForMs / 1000)) })}</span>
                  </span>
                </td>
                <td className="mono small">{w.cameras.join(', ')}</td>
                <td className="small">{fmt.dateTime(w.startedAtMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
