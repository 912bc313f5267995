/** Camera health: running / connecting / reconnecting / failed / ended, with reason, fps and drops. */
import type { CameraView } from '../api/types.ts';

export function HealthBadge({ camera, compact = false }: { camera: CameraView; compact?: boolean }): React.JSX.Element {
  if (!camera.enabled) return <span className="health health-disabled">Disabled</span>;
  const s = camera.status;
  const reason = 'reason' in s ? s.reason : undefined;
  const label =
    s.state === 'reconnecting' ? `Reconnecting (attempt ${s.attempt})` : s.state.charAt(0).toUpperCase() + s.state.slice(1);
  return (
    <span className={`health health-${s.state}`} title={reason}>
      <span className="health-dot" aria-hidden="true" />
      <span>{label}</span>
      {s.state === 'running' && (
        <span className="health-stats">
          {camera.stats.fps.toFixed(1)} fps · {camera.stats.dropped} dropped
        </span>
      )}
      {reason && !compact && <span className="health-reason">{reason}</span>}
    </span>
  );
}
