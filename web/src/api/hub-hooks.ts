/** React access to the live hub: context plus useSyncExternalStore selectors. */
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { Connection, Hub } from './hub.ts';
import type { CameraView, Me, StoredAlert } from './types.ts';

export const HubContext = createContext<Hub | undefined>(undefined);
export const MeContext = createContext<Me | undefined>(undefined);

/** What the signed-in role may do (server side: 403 otherwise). */
export function usePermissions(): { qualify: boolean; correct: boolean; cameras: boolean; admin: boolean; audit: boolean } {
  const role = useContext(MeContext)?.role;
  return {
    qualify: role !== undefined && role !== 'auditor',
    correct: role === 'admin' || role === 'supervisor',
    cameras: role === 'admin' || role === 'supervisor',
    admin: role === 'admin',
    audit: role === 'admin' || role === 'auditor',
  };
}

export function useHub(): Hub {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useHub outside the signed-in app');
  return hub;
}

export function useCameras(): readonly CameraView[] {
  const hub = useHub();
  return useSyncExternalStore(hub.onChange, hub.cameras);
}

export function usePending(): readonly StoredAlert[] {
  const hub = useHub();
  return useSyncExternalStore(hub.onChange, hub.pending);
}

export function useConnection(): Connection {
  const hub = useHub();
  return useSyncExternalStore(hub.onChange, hub.connection);
}

/** Calls `listener` for every live alert message while the component is mounted. */
export function useAlertStream(listener: (alert: StoredAlert, kind: 'alert' | 'alert-updated') => void): void {
  const hub = useHub();
  useEffect(() => hub.onAlert(listener), [hub, listener]);
}
