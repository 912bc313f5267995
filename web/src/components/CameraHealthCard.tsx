/** Dashboard card: every enabled camera's health now (analysed fps, drop rate), the worst first. */
import type { CameraView } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { HealthBadge } from './HealthBadge.tsx';

const RANK = { bad: 0, warn: 1, ok: 2 } as const;

export function CameraHealthCard({ cameras }: { cameras: readonly CameraView[] }): React.JSX.Element {
  const { t } = useI18n();
  const enabled = [...cameras].filter((c) => c.enabled).sort((a, b) => RANK[a.stats.health.level] - RANK[b.stats.health.level]);
  const bad = enabled.filter((c) => c.stats.health.level === 'bad').length;
  return (
    <article className="card" data-testid="camera-health">
      <h2>
        {t('health.cardTitle')} <span className="muted small">{bad ? t('health.notWatching', { count: bad }) : t('health.now')}</span>
      </h2>
      {enabled.length === 0 ? (
        <p className="muted small">{t('health.noCameraEnabled')}</p>
      ) : (
        <ul className="health-list">
          {enabled.map((c) => (
            <li key={c.id}>
              <strong>{c.name ?? c.id}</strong> <HealthBadge camera={c} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
