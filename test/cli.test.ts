/**
 * The command line as a user meets it: real processes, exit codes and the one-line errors of
 * bad input (malformed YAML, unknown keys, bad polygons, refused connections, truncated or missing files).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '../shared/data');
const hasData = existsSync(data);
const hasModel = existsSync(path.join(root, 'models/nanodet.onnx'));
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-cli-'));

function vigie(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/vigie.mjs'), ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function config(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const camera = (extra: string): string => `cameras:\n  - id: a\n    url: clip.mp4\n    events: [intrusion]\n${extra}`;

describe('vigie CLI: usage and configuration errors (exit 2)', () => {
  it.each([
    ['malformed YAML', config('bad.yaml', 'cameras:\n  - id: a\n    url: [unclosed\n'), /bad\.yaml:\d+:\d+: malformed YAML/],
    ['unknown key', config('unknown.yaml', camera('    colour: red\n')), /cameras\[0\]\.colour: unknown key/],
    ['polygon of 2 points', config('poly.yaml', camera('    zones:\n      - id: z\n        kind: forbidden\n        polygon: [[0, 0], [1, 1]]\n')), /cameras\[0\]\.zones\[0\]\.polygon: a polygon needs at least 3 points/],
    ['missing config', path.join(dir, 'absent.yaml'), /absent\.yaml: config file not found/],
  ])('%s', (_name, file, message) => {
    const r = vigie('analyze', 'clip.mp4', '--config', file, '--no-store');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('rejects an unknown command and missing arguments', () => {
    expect(vigie('frobnicate').code).toBe(2);
    expect(vigie('analyze').code).toBe(2);
    expect(vigie('eval').stderr).toMatch(/usage: vigie eval/);
  });
});

describe.skipIf(!hasModel)('vigie CLI: source errors (exit 1)', () => {
  const ok = config('ok.yaml', camera(''));

  it('names a refused RTSP URL', () => {
    const r = vigie('analyze', 'rtsp://127.0.0.1:9/cam1', '--config', ok, '--retries', '0', '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rtsp:\/\/127\.0\.0\.1:9\/cam1: Connection refused/);
  });

  it('names a missing file', () => {
    const r = vigie('analyze', path.join(dir, 'nope.mp4'), '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.mp4: No such file or directory/);
  });

  it('names a file that is not a video', () => {
    const r = vigie('analyze', ok, '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ok\.yaml: /);
  });

  it.skipIf(!hasData)('names a truncated video', () => {
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(path.join(data, 'clips/abandoned_object/aboda_video1_cut.mp4')).subarray(0, 300_000));
    const r = vigie('analyze', cut, '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.mp4: truncated or damaged file/);
  });
});

describe.skipIf(!hasModel || !hasData)('vigie CLI on real footage', () => {
  it('analyze prints the intrusion of the cyclist as a JSON line and stores it', () => {
    const scenario = path.join(data, 'scenarios/bgslibrary_video02.yaml');
    const r = vigie('analyze', path.join(data, 'clips/intrusion/bgslibrary_video02.avi'), '--scenario', scenario, '--store', path.join(dir, 'store'));
    expect(r.code).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; t: number; zoneId: string; snapshot?: string });
    expect(alerts.map((a) => a.type)).toEqual(['intrusion']);
    expect(alerts[0]!.zoneId).toBe('hard_shoulder');
    expect(alerts[0]!.t).toBeGreaterThanOrEqual(3.8 - 2);
    expect(existsSync(path.join(dir, 'store/media', alerts[0]!.snapshot!))).toBe(true);
    expect(existsSync(path.join(dir, 'store/vigie.db'))).toBe(true);
  });

  it('eval --json scores a scenario with the contract shape', () => {
    const r = vigie('eval', path.join(data, 'scenarios/intel_car-detection.yaml'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { scenarios: number; footageSeconds: number; byType: Record<string, { tp: number; fp: number; fn: number; f1: number }>; falseAlarmsPerHour: number };
    expect(report.scenarios).toBe(1);
    expect(report.footageSeconds).toBeCloseTo(30.2, 0);
    expect(report.byType.wrong_way).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });
});
