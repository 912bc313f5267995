import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../config/schema.ts';
import { cameraIdFor, isStillImage, loadScenario, loadScenarios, parseScenario, scenarioToCamera } from './scenario.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenarioDir = path.resolve(repoRoot, '../shared/data/scenarios');
const haveData = existsSync(scenarioDir);
if (!haveData) console.warn(`skipping real scenario tests: ${scenarioDir} is absent`);

describe.skipIf(!haveData)('real scenario files (../shared/data/scenarios)', () => {
  const files = haveData ? readdirSync(scenarioDir).filter((f) => /\.ya?ml$/i.test(f)).sort() : [];

  it.each(files)('%s is accepted, with an existing source', (file) => {
    const s = loadScenario(path.join(scenarioDir, file));
    expect(path.isAbsolute(s.source)).toBe(true);
    expect(existsSync(s.source)).toBe(true);
    expect(s.scene.events.length).toBeGreaterThan(0);
    const camera = scenarioToCamera(s);
    expect(camera.url).toBe(s.source);
    expect(camera.events).toEqual([...new Set(s.scene.events)]);
    expect(camera.zones.map((z) => z.id)).toEqual(s.scene.zones.map((z) => z.id));
  });

  it('loads the folder sorted, flagging stills by extension', () => {
    const all = loadScenarios(scenarioDir);
    expect(all.map((s) => path.basename(s.file))).toEqual(files);
    for (const s of all) expect(s.still).toBe(/\.(jpe?g|png|bmp|webp)$/i.test(s.source));
  });
});

describe('scenario errors (temp files)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-scenario-'));
    writeFileSync(path.join(dir, 'clip.mp4'), 'not really a video');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const errorOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    throw new Error('expected an error');
  };
  const base = 'source: clip.mp4\nscene:\n  events: [intrusion]\n';

  it.each([
    {
      name: 'unknown key in a zone',
      text: `${base}  zones:\n    - {id: a, kind: forbidden, polygon: [[0,0],[1,0],[1,1]], colour: red}\nexpected: []\n`,
      want: 'scene.zones[0].colour: unknown key',
    },
    { name: 'unknown param', text: `${base}  params: {dwellSeconds: 3}\nexpected: []\n`, want: 'scene.params.dwellSeconds: unknown key' },
    { name: 'config-only param', text: `${base}  params: {exitGraceSeconds: 3}\nexpected: []\n`, want: 'scene.params.exitGraceSeconds: unknown key' },
    { name: 'unknown top-level key', text: `${base}expected: []\nnotes: hi\n`, want: 'notes: unknown key' },
    {
      name: 'polygon point out of the frame',
      text: `${base}  zones:\n    - {id: a, kind: forbidden, polygon: [[0,0],[1.5,0],[1,1]]}\nexpected: []\n`,
      want: 'scene.zones[0].polygon[1][0]:',
    },
    {
      name: 'polygon too small',
      text: `${base}  zones:\n    - {id: a, kind: forbidden, polygon: [[0,0],[0.01,0],[0.01,0.01]]}\nexpected: []\n`,
      want: 'scene.zones[0].polygon: polygon is too small',
    },
    {
      name: 'flow zone without direction',
      text: `${base}  zones:\n    - {id: a, kind: flow, polygon: [[0,0],[1,0],[1,1]]}\nexpected: []\n`,
      want: 'scene.zones[0].direction: a flow zone needs a direction',
    },
    {
      name: 'duplicate zone id',
      text: `${base}  zones:\n    - {id: a, kind: forbidden, polygon: [[0,0],[1,0],[1,1]]}\n    - {id: a, kind: forbidden, polygon: [[0,0],[1,0],[1,1]]}\nexpected: []\n`,
      want: 'scene.zones[1].id: duplicate zone id "a"',
    },
    { name: 'unknown event type', text: 'source: clip.mp4\nscene:\n  events: [loitering]\nexpected: []\n', want: 'scene.events[0]:' },
    { name: 'end before start', text: `${base}expected: [{type: intrusion, start: 5, end: 2}]\n`, want: 'expected[0].end: end must not be before start' },
    {
      name: 'expected type not enabled',
      text: `${base}expected: [{type: fire, start: 0, end: 2}]\n`,
      want: 'expected[0].type: "fire" is not enabled in scene.events',
    },
    { name: 'missing expected', text: base, want: 'expected:' },
    { name: 'empty file', text: '', want: '(root):' },
    { name: 'YAML syntax error', text: 'source: [unclosed\n', want: 'invalid YAML' },
    { name: 'duplicate YAML key', text: `${base}expected: []\nexpected: []\n`, want: 'invalid YAML' },
  ])('$name', ({ name, text, want }) => {
    const file = write(`${name.replace(/\W+/g, '_')}.yaml`, text);
    const message = errorOf(() => loadScenario(file));
    expect(message).toContain(file);
    expect(message.split(want).length - 1).toBe(1);
  });

  it('reports a missing source file with its resolved path', () => {
    const file = write('nosource.yaml', 'source: ../missing/clip.mp4\nscene:\n  events: [fire]\nexpected: []\n');
    const message = errorOf(() => loadScenario(file));
    expect(message).toContain(file);
    expect(message).toContain(`media file not found: ${path.resolve(dir, '../missing/clip.mp4')}`);
  });

  it('reports a missing scenario file', () => {
    expect(errorOf(() => loadScenario(path.join(dir, 'absent.yaml')))).toContain('scenario file not found');
  });

  it('reports every invalid file of a folder at once', () => {
    const sub = path.join(dir, 'folder');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'clip.png'), 'x');
    writeFileSync(path.join(sub, 'b.yaml'), 'source: clip.png\nscene:\n  events: [fire]\nexpected: []\nbad1: 1\n');
    writeFileSync(path.join(sub, 'a.yml'), 'source: clip.png\nscene:\n  events: [fire]\nexpected: []\nbad2: 2\n');
    writeFileSync(path.join(sub, 'readme.txt'), 'not a scenario');
    const message = errorOf(() => loadScenarios(sub));
    expect(message).toContain('2 invalid scenario file(s)');
    expect(message).toContain('bad1');
    expect(message).toContain('bad2');
  });

  it('loads a folder in name order and ignores other files', () => {
    const sub = path.join(dir, 'good');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'still.png'), 'x');
    writeFileSync(path.join(sub, 'b.yaml'), 'source: still.png\nscene:\n  events: [fire]\nexpected: []\n');
    writeFileSync(path.join(sub, 'a.yml'), 'source: still.png\nscene:\n  events: [weapon]\nexpected: [{type: weapon, start: 0, end: 5}]\n');
    writeFileSync(path.join(sub, 'notes.md'), '# notes');
    const all = loadScenarios(sub);
    expect(all.map((s) => s.name)).toEqual(['a', 'b']);
    expect(all.every((s) => s.still)).toBe(true);
    expect(errorOf(() => loadScenarios(path.join(dir, 'folder', '..', 'nothing-here')))).toContain('no such scenario file or folder');
  });
});

describe('scenarioToCamera', () => {
  const scenario = parseScenario(
    [
      'source: ../clips/x.avi',
      'scene:',
      '  events: [wrong_way, intrusion, wrong_way]',
      '  zones:',
      '    - {id: lanes, kind: flow, polygon: [[0,0],[1,0],[1,1]], direction: [0, -1]}',
      '  params: {minDwellSeconds: 2.5}',
      'expected: []',
    ].join('\n'),
    '/data/scenarios/my clip.v2.yaml',
  );

  it('derives the id from the file name and resolves the source next to the file', () => {
    const cam = scenarioToCamera(scenario);
    expect(cam.id).toBe('my_clip_v2');
    expect(cam.url).toBe(path.resolve('/data/clips/x.avi'));
    expect(cam.events).toEqual(['wrong_way', 'intrusion']);
    expect(cam.zones).toEqual([{ id: 'lanes', kind: 'flow', polygon: [[0, 0], [1, 0], [1, 1]], direction: [0, -1] }]);
  });

  it('merges params over the defaults', () => {
    expect(scenarioToCamera(scenario).params).toEqual({ ...DEFAULT_PARAMS, minDwellSeconds: 2.5 });
  });

  it.each([
    ['a.JPG', true],
    ['a.jpeg', true],
    ['a.png', true],
    ['a.bmp', true],
    ['a.webp', true],
    ['a.mp4', false],
    ['a.mov', false],
    ['a.avi', false],
  ] as const)('isStillImage(%s) = %s', (file, still) => {
    expect(isStillImage(file)).toBe(still);
  });

  it('keeps camera ids within the config rules', () => {
    expect(cameraIdFor('crowdset_7399-1_70')).toBe('crowdset_7399-1_70');
    expect(cameraIdFor('é'.repeat(80))).toMatch(/^_{64}$/);
  });
});
