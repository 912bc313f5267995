/**
 * Scenario files (`../shared/data/scenarios/*.yaml`): a clip, the scene an installer would draw,
 * and the events a human annotator saw. Format: ../shared/data/README.md. Strict: unknown keys are
 * errors, reported with the file and the path (`scene.zones[0].colour: unknown key`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { EventType } from '../core/types.ts';
import { cameraSchema, eventTypeSchema, paramsSchema, zoneSchema, type CameraConfig } from '../config/schema.ts';
import { formatIssues } from '../config/issues.ts';

/** A still image is analysed as this many seconds of the same frame (README). */
export const STILL_SECONDS = 5;
const STILL_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.webp']);

const { groups: _groups, ...zoneShape } = zoneSchema.shape;
/** A scenario zone: the config zone without `groups`, then the config zone's own checks (flow needs a direction...). */
const scenarioZoneSchema = z.strictObject(zoneShape).pipe(zoneSchema);

const scenarioParamsSchema = z.strictObject({
  unattendedSeconds: paramsSchema.shape.unattendedSeconds.unwrap().optional(),
  minDwellSeconds: paramsSchema.shape.minDwellSeconds.unwrap().optional(),
  downSeconds: paramsSchema.shape.downSeconds.unwrap().optional(),
});

const expectedEventSchema = z
  .strictObject({
    type: eventTypeSchema,
    start: z.number().min(0).describe('Seconds from the clip start when the event becomes true'),
    end: z.number().min(0).describe('Seconds when it stops being true (or the clip ends)'),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] });

export const scenarioFileSchema = z
  .strictObject({
    source: z.string().min(1).describe('Video or still image, relative to the scenario file'),
    description: z.string().optional(),
    scene: z.strictObject({
      events: z.array(eventTypeSchema).min(1, 'enable at least one event'),
      zones: z.array(scenarioZoneSchema).default([]),
      params: scenarioParamsSchema.default({}),
    }),
    expected: z.array(expectedEventSchema),
    counts: z.strictObject({ persons: z.number().int().min(0) }).optional(),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.scene.zones.forEach((zone, i) => {
      if (ids.has(zone.id)) ctx.addIssue({ code: 'custom', path: ['scene', 'zones', i, 'id'], message: `duplicate zone id "${zone.id}"` });
      ids.add(zone.id);
    });
    s.expected.forEach((e, i) => {
      if (!s.scene.events.includes(e.type))
        ctx.addIssue({ code: 'custom', path: ['expected', i, 'type'], message: `"${e.type}" is not enabled in scene.events` });
    });
  });

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type ExpectedEvent = ScenarioFile['expected'][number];

export interface Scenario extends ScenarioFile {
  /** File name without extension, e.g. `dataset_scene-12`. */
  readonly name: string;
  /** Absolute path of the scenario file. */
  readonly file: string;
  /** Absolute path of the media file. */
  readonly source: string;
  /** True for a still image, analysed as STILL_SECONDS of the same frame. */
  readonly still: boolean;
}

export function isStillImage(file: string): boolean {
  return STILL_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** Parses scenario text; `file` names the scenario in errors and anchors the relative source. */
export function parseScenario(text: string, file: string): Scenario {
  const abs = path.resolve(file);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new VigieError('CONFIG_INVALID', `${abs}: invalid YAML: ${errorMessage(err)}`, { cause: err });
  }
  const parsed = scenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new VigieError('CONFIG_INVALID', `${abs}: invalid scenario\n  ${formatIssues(parsed.error.issues).join('\n  ')}`);
  }
  const source = path.resolve(path.dirname(abs), parsed.data.source);
  return {
    ...parsed.data,
    name: path.basename(abs).replace(/\.ya?ml$/i, ''),
    file: abs,
    source,
    still: isStillImage(source),
  };
}

/** Reads, validates and resolves one scenario file. The media file must exist. */
export function loadScenario(file: string): Scenario {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new VigieError('CONFIG_NOT_FOUND', `${abs}: scenario file not found`);
  const scenario = parseScenario(readFileSync(abs, 'utf8'), abs);
  if (!existsSync(scenario.source) || !statSync(scenario.source).isFile()) {
    throw new VigieError('SOURCE_INVALID', `${abs}: source: media file not found: ${scenario.source}`);
  }
  return scenario;
}

/** One scenario file, or every *.yaml / *.yml in a folder (sorted by name). All errors are reported together. */
export function loadScenarios(fileOrDir: string): Scenario[] {
  const abs = path.resolve(fileOrDir);
  if (!existsSync(abs)) throw new VigieError('CONFIG_NOT_FOUND', `${abs}: no such scenario file or folder`);
  if (!statSync(abs).isDirectory()) return [loadScenario(abs)];
  const files = readdirSync(abs)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => path.join(abs, f));
  if (files.length === 0) throw new VigieError('CONFIG_NOT_FOUND', `${abs}: no *.yaml scenario files in this folder`);
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const f of files) {
    try {
      scenarios.push(loadScenario(f));
    } catch (err) {
      errors.push(errorMessage(err));
    }
  }
  if (errors.length > 0) throw new VigieError('CONFIG_INVALID', `${errors.length} invalid scenario file(s):\n${errors.join('\n')}`);
  return scenarios;
}

/** A camera id from the scenario name: letters, digits, _ and - only, at most 64 characters. */
export function cameraIdFor(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return id.length > 0 ? id : 'scenario';
}

/** The camera an installer would configure for this scenario; params are merged over the defaults. */
export function scenarioToCamera(scenario: Scenario): CameraConfig {
  return cameraSchema.parse({
    id: cameraIdFor(scenario.name),
    name: scenario.name,
    url: scenario.source,
    realtime: false,
    events: [...new Set<EventType>(scenario.scene.events)],
    zones: scenario.scene.zones,
    params: { ...paramsSchema.parse({}), ...scenario.scene.params },
  });
}

export interface ScenarioSelection {
  /** A regular expression the scenario name must match. */
  readonly only?: string | undefined;
  /** Comma-separated event types: scenarios that enable at least one of them. */
  readonly types?: string | undefined;
}

/** The scenarios kept by `--only` and `--types`; throws a usage error for a bad pattern or type. */
export function selectScenarios<S extends Scenario>(scenarios: readonly S[], sel: ScenarioSelection): S[] {
  let pattern: RegExp | undefined;
  try {
    pattern = sel.only ? new RegExp(sel.only) : undefined;
  } catch (err) {
    throw new VigieError('USAGE', `--only: invalid regular expression: ${errorMessage(err)}`, { cause: err });
  }
  const types = sel.types ? sel.types.split(',').map((t) => t.trim()).filter((t) => t !== '') : undefined;
  const bad = types?.filter((t) => !eventTypeSchema.safeParse(t).success) ?? [];
  if (bad.length > 0) throw new VigieError('USAGE', `--types: unknown event type(s): ${bad.join(', ')}`);
  return scenarios.filter(
    (s) => (!pattern || pattern.test(s.name)) && (!types || s.scene.events.some((e) => types.includes(e))),
  );
}
