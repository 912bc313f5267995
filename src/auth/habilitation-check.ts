/** The viewing rule over the store: what the API guard and the WebSocket hub ask for an account. */
import type { HabilitationStore } from '../store/habilitations.ts';
import type { SessionUser } from '../store/sessions.ts';
import { viewingAllowed, type ViewingRefusal, type ViewingVerdict } from './habilitation.ts';

export type ViewingCheck = (user: SessionUser) => ViewingVerdict;

export function createViewingCheck(store: Pick<HabilitationStore, 'get' | 'trainings'>, now: () => number = Date.now): ViewingCheck {
  return (user) => viewingAllowed(user, store.get(user.username), store.trainings(user.username), now());
}

/** The refusal of a verdict (without `ok`), for error bodies and messages. */
export function refusalOf(verdict: ViewingVerdict): ViewingRefusal | undefined {
  if (verdict.ok) return undefined;
  const { ok: _ok, ...refusal } = verdict;
  return refusal;
}
