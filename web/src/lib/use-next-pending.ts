/**
 * The pending alert to open after the one shown (`currentId`): the latest of the most urgent
 * pending queue item that does not hold it (see alert-groups.ts, selection.ts). Opening an alert
 * acknowledges it (its cue stops) and makes it the queue's selection.
 */
import { useEffect, useMemo } from 'react';
import { useCameras, usePending } from '../api/hub-hooks.ts';
import { acknowledge } from './ack.ts';
import { rememberSelection } from './last-selection.ts';
import { groupAlerts } from './alert-groups.ts';
import { eventLabel } from './labels.ts';
import { nextPending } from './selection.ts';

export function useNextPending(currentId: string): { id: string; label: string } | undefined {
  const pending = usePending();
  const cameras = useCameras();
  useEffect(() => {
    acknowledge([currentId]);
    rememberSelection(currentId);
  }, [currentId]);
  return useMemo(() => {
    const next = nextPending(groupAlerts(pending), [currentId]);
    if (!next) return undefined;
    const camera = cameras.find((c) => c.id === next.latest.cameraId)?.name ?? next.latest.cameraId;
    return { id: next.latest.id, label: `${eventLabel(next.latest.type)}, ${camera}${next.alerts.length > 1 ? ` (×${next.alerts.length})` : ''}` };
  }, [pending, cameras, currentId]);
}
