/**
 * `vigie models install`: converts the catalogued TF.js models to `<modelsDir>/<name>.onnx`.
 * Idempotent: a model is skipped when its file exists and its sidecar records the same source
 * hash, converter version and file size; otherwise (or with `force`) it is converted again,
 * verified in onnxruntime-node (a model with dynamic axes at each size it was traced at), and
 * written atomically (temp file, then rename).
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../core/errors.ts';
import { CATALOG, MODEL_NAMES } from './catalog.ts';
import type { CatalogEntry } from './catalog.ts';
import { DEFAULT_MODELS_DIR, modelPath, sidecarPath } from './paths.ts';
import { readSidecar, sha256, writeSidecar } from './sidecar.ts';
import type { Sidecar } from './sidecar.ts';
import { convertGraphModel } from './tfjs/convert.ts';
import { readGraphModelFiles } from './tfjs/load.ts';
import { CONVERTER_VERSION } from './tfjs/version.ts';
import { decodeWeights } from './tfjs/weights.ts';
import { verifyModel } from './verify.ts';

export { modelPath } from './paths.ts';

export interface InstallOptions {
  readonly modelsDir?: string;
  /** Convert even when the cached file is up to date. */
  readonly force?: boolean;
  /** Default: every catalogued model. */
  readonly names?: readonly string[];
  /** Receives one line per model. Default: console.log. */
  readonly log?: (line: string) => void;
  /** Catalog override, for tests. */
  readonly catalog?: Readonly<Record<string, CatalogEntry>>;
}

export type InstallStatus = 'converted' | 'cached' | 'failed';

export interface InstallEntry {
  readonly name: string;
  readonly path: string;
  readonly status: InstallStatus;
  readonly elapsedMs: number;
  readonly bytes?: number;
  readonly error?: string;
}

export interface InstallReport {
  readonly ok: boolean;
  readonly modelsDir: string;
  readonly entries: readonly InstallEntry[];
}

async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function upToDate(sidecar: Sidecar | undefined, sourceSha256: string, size: number | undefined): boolean {
  return (
    sidecar !== undefined &&
    sidecar.converterVersion === CONVERTER_VERSION &&
    sidecar.sourceSha256 === sourceSha256 &&
    sidecar.onnxBytes === size
  );
}

async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

async function installOne(entry: CatalogEntry, modelsDir: string, force: boolean): Promise<Omit<InstallEntry, 'elapsedMs'>> {
  const file = modelPath(entry.name, modelsDir);
  const files = await readGraphModelFiles(entry.source);
  const sourceSha256 = sha256([files.jsonBytes, ...files.shards]);
  const size = await fileSize(file);
  if (!force && upToDate(await readSidecar(sidecarPath(entry.name, modelsDir)), sourceSha256, size)) {
    return { name: entry.name, path: file, status: 'cached', bytes: size! };
  }
  const weights = decodeWeights(files.json.weightsManifest, files.shards);
  const converted = convertGraphModel(files.json, weights, {
    outputs: entry.outputs,
    graphName: entry.name,
    metadata: { source: path.basename(entry.source), source_sha256: sourceSha256, converter_version: CONVERTER_VERSION },
    ...(entry.dynamic ? { dynamic: entry.dynamic } : {}),
  });
  // A model with dynamic axes runs at each size it was traced at (its own first).
  for (const example of converted.examples ?? [converted]) await verifyModel(converted.bytes, example.inputs, example.outputs);
  await writeAtomic(file, converted.bytes);
  const dims = (shape: ReadonlyArray<number | string | null> | undefined): (number | string | null)[] => [...(shape ?? [])];
  await writeSidecar(sidecarPath(entry.name, modelsDir), {
    name: entry.name,
    converterVersion: CONVERTER_VERSION,
    sourceSha256,
    onnxBytes: converted.bytes.length,
    inputs: converted.inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: dims(i.shape) })),
    outputs: converted.outputs.map((o) => ({ name: o.name, dtype: o.dtype, shape: dims(o.shape) })),
    convertedAt: new Date().toISOString(),
  });
  return { name: entry.name, path: file, status: 'converted', bytes: converted.bytes.length };
}

export function formatInstallLine(e: InstallEntry): string {
  const mb = e.bytes !== undefined ? `, ${(e.bytes / 1e6).toFixed(1)} MB` : '';
  if (e.status === 'failed') return `${e.name}: FAILED: ${e.error ?? 'unknown error'}`;
  if (e.status === 'cached') return `${e.name}: up to date (${e.path}${mb})`;
  return `${e.name}: converted in ${(e.elapsedMs / 1000).toFixed(1)} s (${e.path}${mb})`;
}

/** Converts every catalogued model that is missing or stale. Never throws for one model: see `ok`. */
export async function installModels(options: InstallOptions = {}): Promise<InstallReport> {
  const modelsDir = options.modelsDir ?? DEFAULT_MODELS_DIR;
  const catalog: Readonly<Record<string, CatalogEntry>> = options.catalog ?? CATALOG;
  const names: readonly string[] = options.names ?? (options.catalog ? Object.keys(catalog) : MODEL_NAMES);
  const log = options.log ?? ((line: string) => console.log(line));
  await mkdir(modelsDir, { recursive: true });
  const entries: InstallEntry[] = [];
  for (const name of names) {
    const started = performance.now();
    let result: Omit<InstallEntry, 'elapsedMs'>;
    const entry = catalog[name];
    try {
      if (!entry) throw new Error(`unknown model ${name}`);
      result = await installOne(entry, modelsDir, options.force ?? false);
    } catch (err) {
      result = { name, path: modelPath(name, modelsDir), status: 'failed', error: errorMessage(err) };
    }
    const done: InstallEntry = { ...result, elapsedMs: performance.now() - started };
    entries.push(done);
    log(formatInstallLine(done));
  }
  return { ok: entries.every((e) => e.status !== 'failed'), modelsDir, entries };
}
