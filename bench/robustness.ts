/**
 * `npm run robustness [-- --variants mirror,dark,half --scenarios DIR --keep]`: the dev scenarios
 * re-encoded under conditions a camera meets (mirrored, darker and flatter, half resolution, sensor
 * grain, out of focus), each set run through `vigie eval --json`, and one line per variant and event
 * type. Mirroring mirrors the zones and flow directions too. It measures how much the results hold
 * when the footage changes; it is not a tuning set (the variants derive from the dev clips only,
 * never from holdout/). The re-encoded copies go to a temporary folder, deleted unless --keep.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { isStillImage } from '../src/eval/scenario.ts';
import { resolveFfmpegPath } from '../src/ingest/ffmpeg-path.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** ffmpeg video filter of each variant, and whether it mirrors the picture. */
export const VARIANTS: Readonly<Record<string, { readonly filter: string; readonly mirror: boolean }>> = {
  mirror: { filter: 'hflip', mirror: true },
  dark: { filter: 'eq=brightness=-0.12:contrast=0.75', mirror: false },
  half: { filter: 'scale=trunc(iw/4)*2:-2', mirror: false },
  grain: { filter: 'noise=alls=12:allf=t+u', mirror: false },
  blur: { filter: 'gblur=sigma=1.5', mirror: false },
};

type Json = Record<string, unknown>;

/** A zone polygon and direction seen in a mirror: x -> 1 - x. */
export function mirrorZone(zone: Json): Json {
  const polygon = (zone.polygon as number[][]).map(([x, y]) => [Math.round((1 - x!) * 1e4) / 1e4, y!]);
  const direction = zone.direction as number[] | undefined;
  return { ...zone, polygon, ...(direction ? { direction: [-direction[0]!, direction[1]!] } : {}) };
}

function reencode(ffmpeg: string, src: string, dst: string, filter: string): void {
  const codec = isStillImage(src) ? [] : ['-c:v', 'libx264', '-crf', '18', '-preset', 'veryfast', '-an'];
  execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', src, '-vf', filter, ...codec, dst]);
}

function variantSet(ffmpeg: string, scenarios: string, out: string, name: string): void {
  const { filter, mirror } = VARIANTS[name]!;
  mkdirSync(path.join(out, 'clips'), { recursive: true });
  for (const file of readdirSync(scenarios).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(path.join(scenarios, file), 'utf8')) as Json;
    const src = path.resolve(scenarios, String(doc.source));
    const base = path.basename(src, path.extname(src));
    const dst = path.join(out, 'clips', isStillImage(src) ? path.basename(src) : `${base}.mp4`);
    if (!existsSync(dst)) reencode(ffmpeg, src, dst, filter);
    const scene = (doc.scene ?? {}) as Json;
    const zones = (scene.zones ?? []) as Json[];
    const next = { ...doc, source: dst, scene: { ...scene, ...(mirror && zones.length > 0 ? { zones: zones.map(mirrorZone) } : {}) } };
    writeFileSync(path.join(out, file), stringify(next));
  }
}

interface TypeStats {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      variants: { type: 'string', default: Object.keys(VARIANTS).join(',') },
      scenarios: { type: 'string', default: path.resolve(root, '../shared/data/scenarios') },
      keep: { type: 'boolean', default: false },
    },
  });
  const ffmpeg = resolveFfmpegPath();
  if (!ffmpeg) throw new Error('robustness: no ffmpeg found');
  if (!existsSync(values.scenarios)) {
    console.error(`robustness: ${values.scenarios} not found: it runs on the dev scenarios of ../shared/data`);
    process.exit(2);
  }
  const names = values.variants.split(',').filter((v) => v.length > 0);
  const unknown = names.filter((n) => !(n in VARIANTS));
  if (unknown.length > 0) throw new Error(`robustness: unknown variant(s) ${unknown.join(', ')} (known: ${Object.keys(VARIANTS).join(', ')})`);
  const work = mkdtempSync(path.join(tmpdir(), 'vigie-robustness-'));
  try {
    for (const name of ['as recorded', ...names]) {
      const dir = name === 'as recorded' ? values.scenarios : path.join(work, name);
      if (name !== 'as recorded') variantSet(ffmpeg, values.scenarios, dir, name);
      const r = spawnSync(process.execPath, [path.join(root, 'bin/vigie.mjs'), 'eval', dir, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`eval of ${name} failed:\n${r.stderr}`);
      const report = JSON.parse(r.stdout) as { byType: Record<string, TypeStats>; counts?: { meanRelativeError?: number }; falseAlarmsPerHour: number };
      const types = Object.entries(report.byType).map(([t, s]) => `${t} ${s.tp}/${s.tp + s.fn}${s.fp ? ` fp ${s.fp}` : ''}`);
      console.log(`${name.padEnd(12)} ${types.join(', ')}; count error ${report.counts?.meanRelativeError ?? '-'}; false alarms/h ${report.falseAlarmsPerHour}`);
    }
  } finally {
    if (values.keep) console.error(`robustness: variants kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
