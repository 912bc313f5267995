/**
 * The pending alert to open after the one shown (`currentId`): the latest of the most urgent
 * pending queue item that does not hold it (see alert-groups.ts, selection.ts). Opening an alert
 * acknowledges it (its cue stops) and makes it the queue's selection.
 */
import { useEffect, useMemo } from 'react';
import { useCameras, usePending } from '../api/hub-hooks.ts';
import { useI18n } from '../i18n/context.tsx';
import { acknowledge } from './ack.ts';
import { rememberSelection } from './last-selection.ts';
import { groupAlerts } from './alert-groups.ts';
import { eventLabel } from './labels.ts';
import { nextPending } from './selection.ts';

export function useNextPending(currentId: string): { id: string; label: string } | undefined {
  const pending = usePending();
  const cameras = useCameras();
  const { t } = useI18n();
  useEffect(() => {
    acknowledge([currentId]);
    rememberSelection(currentId);
  }, [currentId]);
  return useMemo(() => {
    const next = nextPending(groupAlerts(pending), [currentId]);
    if (!next) return undefined;
    const camera = cameras.find((c) => c.id === next.latest.cameraId)?.name ?? next.latest.cameraId;
    const params = { event: eventLabel(next.latest.type, t), camera, count: next.alerts.length };
    return { id: next.latest.id, label: t(next.alerts.length > 1 ? 'detail.nextLabelRepeats' : 'detail.nextLabel', params) };
  }, [pending, cameras, currentId, t]);
}
