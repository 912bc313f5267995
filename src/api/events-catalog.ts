/**
 * The eight event types with their rule parameters (for the camera form), read from the config
 * schema itself: each parameter's description starts with the event it tunes ("intrusion: ...").
 */
import { EVENT_TYPES, type EventType } from '../core/types.ts';
import { DEFAULT_PARAMS, paramsSchema } from '../config/schema.ts';

export interface EventParam {
  readonly key: string;
  readonly default: number;
  readonly description: string;
}

export interface EventInfo {
  readonly type: EventType;
  readonly description: string;
  /** Zone kind the event needs, if any. */
  readonly zoneKind?: string;
  readonly params: readonly EventParam[];
}

const DESCRIPTIONS: Readonly<Record<EventType, { description: string; zoneKind?: string }>> = {
  abandoned_object: { description: 'A bag or object left unattended' },
  weapon: { description: 'A person holding a weapon (knife, bat, firearm)' },
  wrong_way: { description: 'A person or vehicle moving against the allowed direction of a flow zone', zoneKind: 'flow' },
  intrusion: { description: 'A person or vehicle staying inside a forbidden zone', zoneKind: 'forbidden' },
  person_down: { description: 'A person on the ground' },
  crowd_movement: { description: 'A sudden crowd movement (rush, dispersal) compared with the usual motion' },
  crowd_density: { description: 'Too many persons per m² in a crowd zone', zoneKind: 'crowd' },
  fire: { description: 'Flames or smoke' },
};

export function eventsCatalog(): EventInfo[] {
  const params = Object.entries(paramsSchema.shape).map(([key, schema]) => {
    const text = schema.description ?? '';
    const colon = text.indexOf(': ');
    return {
      type: text.slice(0, Math.max(0, colon)),
      param: { key, default: DEFAULT_PARAMS[key as keyof typeof DEFAULT_PARAMS], description: colon >= 0 ? text.slice(colon + 2) : text },
    };
  });
  return EVENT_TYPES.map((type) => ({
    type,
    ...DESCRIPTIONS[type],
    params: params.filter((p) => p.type === type).map((p) => p.param),
  }));
}
