/**
 * The camera form's model: raw inputs (strings for parameters, edit zones) <-> CameraConfig.
 * The config is checked with the same zod schema the server uses, so the form refuses what the
 * server would, before sending; the messages are in the console's language (`lang`). Pure.
 */
import { DEFAULT_PARAMS, cameraSchema } from '../../../src/config/schema.ts';
import type { Lang } from '../../../src/core/lang.ts';
import type { CameraConfig, CameraView, EventType } from '../api/types.ts';
import { translator } from '../i18n/translator.ts';
import { issueLines } from './schema-issues.ts';
import { fromConfig, fromMask, isMask, isZone, maskNumber, toConfig, toMask, type EditZone } from './zone-edit.ts';

export interface CameraDraft {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly enabled: boolean;
  readonly loop: boolean;
  readonly realtime: 'auto' | 'on' | 'off';
  readonly events: readonly EventType[];
  /** Parameter inputs as typed; an empty string means "documented default". */
  readonly params: Readonly<Record<string, string>>;
  /** The editor's shapes: the zones, then the privacy masks (kind `mask`). */
  readonly zones: readonly EditZone[];
  /** Settings the form does not edit (fire/weapon models), kept as they are. */
  readonly extra: Pick<CameraConfig, 'fireDetector' | 'weaponDetector'>;
}

export const EMPTY_DRAFT: CameraDraft = { id: '', name: '', url: '', enabled: true, loop: false, realtime: 'auto', events: [], params: {}, zones: [], extra: {} };

const defaults = DEFAULT_PARAMS as unknown as Record<string, number>;

export function draftFromCamera(c: CameraView | CameraConfig): CameraDraft {
  const params: Record<string, string> = {};
  Object.entries(c.params ?? {}).forEach(([k, v]) => {
    if (typeof v === 'number' && v !== defaults[k]) params[k] = String(v);
  });
  return {
    id: c.id,
    name: c.name ?? '',
    url: c.url,
    enabled: c.enabled,
    loop: c.loop,
    realtime: c.realtime === undefined ? 'auto' : c.realtime ? 'on' : 'off',
    events: [...c.events],
    params,
    zones: [...c.zones.map(fromConfig), ...c.privacyMasks.map(fromMask)],
    extra: { ...(c.fireDetector ? { fireDetector: c.fireDetector } : {}), ...(c.weaponDetector ? { weaponDetector: c.weaponDetector } : {}) },
  };
}

/** The body sent to the API (parameters left empty are omitted: the server applies the defaults). */
export function draftToBody(d: CameraDraft): Record<string, unknown> {
  const params: Record<string, number | string> = {};
  Object.entries(d.params).forEach(([k, v]) => {
    if (v.trim() !== '') params[k] = Number.isFinite(Number(v)) ? Number(v) : v;
  });
  return {
    id: d.id.trim(),
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    url: d.url.trim(),
    enabled: d.enabled,
    loop: d.loop,
    ...(d.realtime === 'auto' ? {} : { realtime: d.realtime === 'on' }),
    events: [...d.events],
    zones: d.zones.filter(isZone).map(toConfig),
    privacyMasks: d.zones.filter(isMask).map(toMask),
    params,
    ...d.extra,
  };
}

/** Client-side check with the server's schema: the config, or every problem with its path. */
export function validateDraft(d: CameraDraft, lang: Lang): { ok: true; config: CameraConfig } | { ok: false; issues: string[] } {
  const t = translator(lang);
  const line = (message: string): string => t('cameras.issueLine', { path: 'zones', message });
  const name = (z: EditZone): string => (isMask(z) ? t('masks.label', { n: maskNumber(z, d.zones) }) : z.id);
  const open = d.zones.filter((z) => !z.closed).map((z) => line(t('zones.polygonOfNotClosed', { id: name(z) })));
  const r = cameraSchema.safeParse(draftToBody(d));
  const issues = [...open, ...(r.success ? [] : issueLines(r.error.issues, lang))];
  const ids = d.zones.filter(isZone).map((z) => z.id);
  ids.forEach((id, i) => ids.indexOf(id) !== i && issues.push(line(t('zones.duplicateId', { id }))));
  if (issues.length || !r.success) return { ok: false, issues };
  return { ok: true, config: r.data };
}

/** Events that cannot fire with the current zones (not blocking, shown as warnings). */
export function eventWarnings(d: CameraDraft, lang: Lang): string[] {
  const t = translator(lang);
  const has = (kind: EditZone['kind']): boolean => d.zones.some((z) => z.kind === kind && z.closed);
  const out: string[] = [];
  if (d.events.includes('intrusion') && !has('forbidden')) out.push(t('cameras.warnIntrusion'));
  if (d.events.includes('wrong_way') && !has('flow')) out.push(t('cameras.warnWrongWay'));
  if (d.events.includes('crowd_density') && !d.zones.some((z) => z.kind === 'crowd' && z.areaM2 !== undefined && z.maxPersonsPerM2 !== undefined))
    out.push(t('cameras.warnCrowdDensity'));
  return out;
}
