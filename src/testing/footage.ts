/**
 * Test support: the real footage of ../shared/data, chosen by what it is (a still, a video of some
 * container, a scenario expecting some event), never by name. Tests that need footage skip with a
 * clear message when the folder is absent.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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

/** Whether an MP4's index box (moov) comes before its media data (mdat), from the top-level boxes. */
export function mp4IndexFirst(file: string): boolean {
  const buf = readFileSync(file);
  let at = 0;
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'moov') return true;
    if (type === 'mdat') return false;
    const skip = size === 1 && at + 16 <= buf.length ? Number(buf.readBigUInt64BE(at + 8)) : size;
    if (skip < 8) return false;
    at += skip;
  }
  return false;
}

/** A clip over 1 MB whose index comes first: cut short, its first frames still decode. */
export function mp4IndexFirstClip(): string {
  const m = mediaFiles().find((f) => f.ext === 'mp4' && f.bytes > 1_000_000 && mp4IndexFirst(f.file));
  if (!m) throw new Error('no MP4 over 1 MB with its index first in the footage');
  return m.file;
}
