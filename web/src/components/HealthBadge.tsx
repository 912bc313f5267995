/**
 * Camera health: the state (running / connecting / reconnecting / failed / ended) coloured by the
 * server's health level, not by the state alone: "Running" at ~0 fps or dropping most frames is
 * red, slow or dropping some is amber. Shows the analysed fps and the recent drop rate, and why
 * (words built in the console from the figures: lib/camera-health.ts).
 */
import type { CameraView } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { healthLabel, healthReason, healthStats } from '../lib/camera-health.ts';

export function HealthBadge({ camera, compact = false }: { camera: CameraView; compact?: boolean }): React.JSX.Element {
  const { lang } = useI18n();
  if (!camera.enabled) return <span className="health health-disabled">{healthLabel(camera, lang)}</span>;
  const s = camera.status;
  const reason = healthReason(camera, Date.now(), lang);
  return (
    <span className={`health health-${s.state} health-level-${camera.stats.health.level}`} title={reason} data-health={camera.stats.health.level}>
      <span className="health-dot" aria-hidden="true" />
      <span>{healthLabel(camera, lang)}</span>
      {s.state === 'running' && <span className="health-stats">{healthStats(camera, lang)}</span>}
      {reason && !compact && <span className="health-reason">{reason}</span>}
    </span>
  );
}
