/**
 * The command line as a user meets it: real processes, exit codes and the one-line errors of
 * bad input (malformed YAML, unknown keys, bad polygons, refused connections, truncated or missing files).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mp4IndexFirstClip, realScenarios } from '../src/testing/footage.ts';
import { runVigie, type CliResult } from '../src/testing/run-cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '../shared/data');
const hasData = existsSync(data);
const hasModel = existsSync(path.join(root, 'models/nanodet.onnx'));
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-cli-'));

const vigie = (...args: string[]): Promise<CliResult> => runVigie(args, { cwd: dir });

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
  ])('%s', async (_name, file, message) => {
    const r = await vigie('analyze', 'clip.mp4', '--config', file, '--no-store');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('rejects an unknown command and missing arguments', async () => {
    expect((await vigie('frobnicate')).code).toBe(2);
    expect((await vigie('analyze')).code).toBe(2);
    expect((await vigie('eval')).stderr).toMatch(/usage: vigie eval/);
  });

  it.each(['ftp://vigie.example.org', 'https://vigie.example.org/console', 'vigie.example.org'])('serve refuses --public-url %s', async (url) => {
    const r = await vigie('serve', '--public-url', url, '--port', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--public-url must be an http:\/\/ or https:\/\/ address without a path/);
  });
});

describe.skipIf(!hasModel)('vigie CLI: source errors (exit 1)', () => {
  const ok = config('ok.yaml', camera(''));

  it('names a refused RTSP URL', async () => {
    const r = await vigie('analyze', 'rtsp://127.0.0.1:9/cam1', '--config', ok, '--retries', '0', '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rtsp:\/\/127\.0\.0\.1:9\/cam1: Connection refused/);
  });

  it('names a missing file', async () => {
    const r = await vigie('analyze', path.join(dir, 'nope.mp4'), '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.mp4: No such file or directory/);
  });

  it('names a file that is not a video', async () => {
    const r = await vigie('analyze', ok, '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ok\.yaml: /);
  });

  it.skipIf(!hasData)('names a truncated video', async () => {
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(mp4IndexFirstClip()).subarray(0, 300_000));
    const r = await vigie('analyze', cut, '--config', ok, '--no-store');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.mp4: truncated or damaged file/);
  });
});

describe.skipIf(!hasModel || !hasData)('vigie CLI on real footage', () => {
  // The lightest clip among the scenarios that expect an intrusion.
  const scene = realScenarios()
    .filter((s) => !s.still && s.expected.some((e) => e.type === 'intrusion'))
    .sort((a, b) => statSync(a.source).size - statSync(b.source).size)[0];

  it('analyze prints alerts as JSON lines and stores each with its snapshot', async () => {
    const r = await vigie('analyze', scene!.source, '--scenario', scene!.file, '--store', path.join(dir, 'store'));
    expect(r.code).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; t: number; cameraId: string; snapshot?: string });
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(scene!.scene.events).toContain(a.type);
      expect(existsSync(path.join(dir, 'store/media', a.snapshot!))).toBe(true);
    }
    expect(alerts.map((a) => a.type)).toContain('intrusion');
    expect(existsSync(path.join(dir, 'store/vigie.db'))).toBe(true);
  });

  it('eval --json scores a scenario with the contract shape', async () => {
    const r = await vigie('eval', scene!.file, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { byType: Record<string, Record<string, unknown>> };
    expect(report).toMatchObject({ scenarios: 1, failed: 0 });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['footageSeconds', 'byType', 'counts', 'falseAlarmsPerHour', 'ffmpeg']));
    expect(Object.keys(report.byType.intrusion!)).toEqual(['tp', 'fp', 'fn', 'duplicates', 'precision', 'recall', 'f1', 'meanLatencySeconds']);
  });
});

describe.skipIf(!hasModel)('vigie CLI diagnostics: analyze --trace, eval --explain (generated clip)', () => {
  // ffmpeg's test pattern, 2 s: nothing burns there, so an expected fire is a miss to explain.
  const scenes = path.join(dir, 'scenes');
  const clip = path.join(scenes, 'pattern.avi');
  const scenario = path.join(scenes, 'pattern.yaml');
  const make = (): void => {
    if (existsSync(clip)) return;
    mkdirSync(scenes, { recursive: true });
    const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '2', '-c:v', 'mpeg4', clip]);
    expect(r.status).toBe(0);
    writeFileSync(scenario, 'source: pattern.avi\nscene:\n  events: [fire, intrusion]\n  zones:\n    - id: z\n      kind: forbidden\n      polygon: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]\nexpected:\n  - type: fire\n    start: 0\n    end: 2\n');
  };

  it('analyze --trace writes one line per analysed frame: detections, tracks, extras, each rule\'s reason', async () => {
    make();
    const trace = path.join(dir, 'trace.jsonl');
    const r = await vigie('analyze', clip, '--scenario', scenario, '--no-store', '--trace', trace);
    expect(r.code).toBe(0);
    const lines = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => l.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const l of lines) {
      expect(l).toHaveProperty('detections');
      expect(l).toHaveProperty('tracks');
      expect(l).toHaveProperty('extras');
      const rules = l.rules as Record<string, { reason: string }>;
      expect(Object.keys(rules).sort()).toEqual(['fire', 'intrusion']);
      for (const e of Object.values(rules)) expect(e.reason).toMatch(/\w/);
    }
  });

  it('analyze --trace to a folder that does not exist is a usage error', async () => {
    make();
    const r = await vigie('analyze', clip, '--scenario', scenario, '--no-store', '--trace', path.join(dir, 'no/such/dir/t.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--trace: cannot write/);
  });

  it('eval --explain gives the rule\'s last reason for the miss; --json records it and the ffmpeg version', async () => {
    make();
    const text = await vigie('eval', scenario, '--explain');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/pattern: missed fire 0-2 s: .+/);
    const json = await vigie('eval', scenario, '--explain', '--json');
    const report = JSON.parse(json.stdout) as { ffmpeg: { version: string | null }; explain: { kind: string; type: string; reason: string }[] };
    expect(report.ffmpeg.version).toMatch(/\S/);
    expect(report.explain).toEqual([expect.objectContaining({ kind: 'miss', type: 'fire' })]);
    expect(report.explain[0]!.reason).not.toMatch(/gives no explanation/);
  });

  it('eval --sources runs every calibration point and reports leave-one-source-out scores beside the plain ones', async () => {
    make();
    const r = await vigie('eval', scenes, '--sources', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { points: number; sources: string[]; byType: Record<string, { plain: { fn: number }; loso: { fn: number }; folds: unknown[] }> };
    expect(report.points).toBe(5);
    expect(report.sources).toEqual(['pattern']);
    expect(report.byType.fire).toMatchObject({ plain: { fn: 1 }, loso: { fn: 1 } });
    expect(report.byType.fire!.folds).toHaveLength(1);
  });

  it('eval --only and --types select scenarios; an empty selection is a usage error', async () => {
    make();
    const none = await vigie('eval', scenes, '--only', '^nothing$');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no scenario left/);
    expect((await vigie('eval', scenes, '--types', 'fire,bogus')).stderr).toMatch(/unknown event type\(s\): bogus/);
    expect((await vigie('eval', scenes, '--only', 'pat+ern', '--types', 'intrusion', '--json')).code).toBe(0);
  });
});
