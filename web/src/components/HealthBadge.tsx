/**
 * Camera health: the state (running / connecting / reconnecting / failed / ended) coloured by the
 * server's health level, not by the state alone: "Running" at ~0 fps or dropping most frames is
 * red, slow or dropping some is amber. Shows the analysed fps and the recent drop rate, and why.
 */
import type { CameraView } from '../api/types.ts';

export function healthLabel(camera: CameraView): string {
  const s = camera.status;
  return s.state === 'reconnecting' ? `Reconnecting (attempt ${s.attempt})` : s.state.charAt(0).toUpperCase() + s.state.slice(1);
}

export function HealthBadge({ camera, compact = false }: { camera: CameraView; compact?: boolean }): React.JSX.Element {
  if (!camera.enabled) return <span className="health health-disabled">Disabled</span>;
  const s = camera.status;
  const reason = camera.stats.health.reason ?? ('reason' in s ? s.reason : undefined);
  const dropPct = Math.round(camera.stats.dropRate * 100);
  return (
    <span className={`health health-${s.state} health-level-${camera.stats.health.level}`} title={reason} data-health={camera.stats.health.level}>
      <span className="health-dot" aria-hidden="true" />
      <span>{healthLabel(camera)}</span>
      {s.state === 'running' && (
        <span className="health-stats">
          {camera.stats.fps.toFixed(1)} fps analysed · {dropPct} % dropped
        </span>
      )}
      {reason && !compact && <span className="health-reason">{reason}</span>}
    </span>
  );
}
