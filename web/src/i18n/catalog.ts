/**
 * The console's one catalogue of words: every string the console shows, in French and English,
 * grouped by screen (one file per group under messages/, so each stays small). Keys are
 * `group.name`; `t('queue.title')` is type-checked against this object.
 */
import type { Entry, Section } from './translate.ts';
import { common } from './messages/common.ts';
import { events } from './messages/events.ts';
import { app } from './messages/app.ts';
import { queue } from './messages/queue.ts';
import { detail } from './messages/detail.ts';
import { cameras } from './messages/cameras.ts';
import { zones } from './messages/zones.ts';
import { live } from './messages/live.ts';
import { dashboard } from './messages/dashboard.ts';
import { journal } from './messages/journal.ts';
import { users } from './messages/users.ts';
import { settings } from './messages/settings.ts';
import { health } from './messages/health.ts';
import { masks } from './messages/masks.ts';
import { habilitation } from './messages/habilitation.ts';
import { legal } from './messages/legal.ts';
import { report } from './messages/report.ts';

export const CATALOG = { common, events, app, queue, detail, cameras, zones, live, dashboard, journal, users, settings, health, masks, habilitation, legal, report } as const satisfies Record<
  string,
  Section
>;

type Catalog = typeof CATALOG;
export type MessageKey = { [G in keyof Catalog]: `${G}.${keyof Catalog[G] & string}` }[keyof Catalog];

export function entryOf(key: MessageKey): Entry {
  const dot = key.indexOf('.');
  const group = CATALOG[key.slice(0, dot) as keyof Catalog] as Section;
  const entry = group[key.slice(dot + 1)];
  if (!entry) throw new Error(`no catalogue entry ${key}`);
  return entry;
}
