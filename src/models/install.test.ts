import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';
import { installModels, modelPath } from './install.ts';
import type { InstallReport } from './install.ts';
import { REPO_ROOT, sidecarPath } from './paths.ts';
import { readSidecar } from './sidecar.ts';

describe('installModels', () => {
  let dir: string;
  let first: InstallReport;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-models-'));
    first = await installModels({ modelsDir: dir, log: (l) => lines.push(l) });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const statuses = (r: InstallReport) => Object.fromEntries(r.entries.map((e) => [e.name, e.status]));

  it('converts every catalogued model, one log line each', () => {
    expect(first.ok).toBe(true);
    expect(statuses(first)).toEqual({ nanodet: 'converted', 'nanodet-dynamic': 'converted', 'movenet-lightning': 'converted' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^nanodet: converted in [\d.]+ s \(.*nanodet\.onnx, [\d.]+ MB\)$/);
  });

  it('records inputs and outputs matching the documented catalog', async () => {
    for (const entry of Object.values(CATALOG)) {
      const sidecar = await readSidecar(sidecarPath(entry.name, dir));
      expect(sidecar?.inputs).toEqual([{ name: entry.input.name, dtype: entry.input.dtype, shape: entry.input.shape }]);
      expect(sidecar?.outputs).toEqual(entry.outputDocs.map((o) => ({ name: o.name, dtype: o.dtype, shape: o.shape })));
    }
  });

  it('writes nanodet-dynamic with symbolic height and width', async () => {
    const sidecar = await readSidecar(sidecarPath('nanodet-dynamic', dir));
    expect(sidecar?.inputs[0]?.shape).toEqual([1, 3, 'height', 'width']);
    expect(sidecar?.outputs[0]?.shape).toEqual([1, 'height*width/64', 80]);
  });

  it('skips up-to-date models', async () => {
    const again = await installModels({ modelsDir: dir, log: () => undefined });
    expect(statuses(again)).toEqual({ nanodet: 'cached', 'nanodet-dynamic': 'cached', 'movenet-lightning': 'cached' });
  });

  const stale: [string, (file: string, sidecar: string) => Promise<void>][] = [
    ['converter version changed', async (_f, s) => {
      const j = JSON.parse(await readFile(s, 'utf8')) as Record<string, unknown>;
      await writeFile(s, JSON.stringify({ ...j, converterVersion: 'old' }));
    }],
    ['source hash changed', async (_f, s) => {
      const j = JSON.parse(await readFile(s, 'utf8')) as Record<string, unknown>;
      await writeFile(s, JSON.stringify({ ...j, sourceSha256: '0'.repeat(64) }));
    }],
    ['model file truncated', (f) => truncate(f, 100)],
    ['sidecar corrupt', (_f, s) => writeFile(s, '{ not json')],
    ['sidecar missing', (_f, s) => rm(s)],
    ['model file missing', (f) => rm(f)],
  ];
  it.each(stale)('reconverts when %s', async (_label, damage) => {
    const name = 'movenet-lightning';
    await damage(modelPath(name, dir), sidecarPath(name, dir));
    const r = await installModels({ modelsDir: dir, names: [name], log: () => undefined });
    expect(statuses(r)).toEqual({ [name]: 'converted' });
    const cached = await installModels({ modelsDir: dir, names: [name], log: () => undefined });
    expect(statuses(cached)).toEqual({ [name]: 'cached' });
  });

  it('reconverts everything with force', async () => {
    const r = await installModels({ modelsDir: dir, force: true, names: ['movenet-lightning'], log: () => undefined });
    expect(statuses(r)).toEqual({ 'movenet-lightning': 'converted' });
  });

  it('reports a broken source as failed without stopping the others', async () => {
    const catalog = { ...CATALOG, broken: { ...CATALOG['movenet-lightning'], source: path.join(dir, 'absent.json') } };
    const log: string[] = [];
    const r = await installModels({ modelsDir: dir, catalog, names: ['broken', 'movenet-lightning'], log: (l) => log.push(l) });
    expect(r.ok).toBe(false);
    expect(statuses(r)).toEqual({ broken: 'failed', 'movenet-lightning': 'cached' });
    expect(log[0]).toMatch(/^broken: FAILED: cannot read .*absent\.json/);
  });
});

describe('modelPath', () => {
  it('defaults to <repo>/models/<name>.onnx', () => {
    expect(modelPath('nanodet')).toBe(path.join(REPO_ROOT, 'models', 'nanodet.onnx'));
    expect(modelPath('x', '/tmp/m')).toBe('/tmp/m/x.onnx');
  });
});
