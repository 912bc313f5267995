/**
 * Test support: the real footage of ../shared/data, chosen by what it is (a still, a video of some
 * container, a scenario expecting some event), never by name. Tests that need footage skip with a
 * clear message when the folder is absent.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarios, type Scenario } from '../eval/scenario.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
export const CLIPS_DIR = path.join(SHARED_DATA_DIR, 'clips');
export const SCENARIOS_DIR = path.join(SHARED_DATA_DIR, 'scenarios');
export const HAS_FOOTAGE = existsSync(CLIPS_DIR) && existsSync(SCENARIOS_DIR);

const MEDIA = /\.(mp4|avi|mov|mkv|jpe?g|png|gif)$/i;

export interface MediaFile {
  readonly file: string;
  readonly ext: string;
  readonly bytes: number;
}

let media: MediaFile[] | undefined;

/** Every media file under clips/ (sub-folders included), sorted by path. Empty without footage. */
export function mediaFiles(): readonly MediaFile[] {
  if (media) return media;
  const out: MediaFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const st = statSync(file);
      if (st.isDirectory()) walk(file);
      else if (MEDIA.test(name)) out.push({ file, ext: path.extname(name).slice(1).toLowerCase(), bytes: st.size });
    }
  };
  if (HAS_FOOTAGE) walk(CLIPS_DIR);
  media = out;
  return out;
}

/** The `count` smallest media files with this extension (cheapest to decode first). */
export function smallestOf(ext: string, count = 1): string[] {
  return mediaFiles()
    .filter((m) => m.ext === ext)
    .sort((a, b) => a.bytes - b.bytes || a.file.localeCompare(b.file))
    .slice(0, count)
    .map((m) => m.file);
}

let scenarios: Scenario[] | undefined;

/** Every scenario of ../shared/data/scenarios (sorted by name). Empty without footage. */
export function realScenarios(): readonly Scenario[] {
  scenarios ??= HAS_FOOTAGE ? loadScenarios(SCENARIOS_DIR) : [];
  return scenarios;
}

/** The first scenario (by name) that satisfies `pred`, or undefined. */
export function firstScenario(pred: (s: Scenario) => boolean): Scenario | undefined {
  return realScenarios().find(pred);
}
