/** Reads a TF.js graph model (model.json + weight shards beside it) from disk. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VigieError, errorMessage } from '../../core/errors.ts';
import { graphModelJsonSchema } from './model-json.ts';
import type { GraphModelJson } from './model-json.ts';
import { decodeWeights } from './weights.ts';
import type { HostTensor } from './host-tensor.ts';

export interface GraphModelFiles {
  /** model.json as read. */
  readonly jsonBytes: Uint8Array;
  readonly json: GraphModelJson;
  /** Raw bytes of each weight group, its shards concatenated. */
  readonly shards: readonly Uint8Array[];
}

export interface LoadedGraphModel extends GraphModelFiles {
  readonly weights: ReadonlyMap<string, HostTensor>;
}

export function parseGraphModelJson(text: string, source: string): GraphModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new VigieError('MODEL_INVALID', `${source}: not JSON (${errorMessage(err)})`, { cause: err });
  }
  const parsed = graphModelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new VigieError('MODEL_INVALID', `${source}: not a TF.js graph model (${issues.join('; ')})`);
  }
  return parsed.data;
}

async function readOrMissing(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new VigieError('MODEL_MISSING', `cannot read ${file}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Reads and validates model.json and reads its shards, without decoding weights. */
export async function readGraphModelFiles(jsonPath: string): Promise<GraphModelFiles> {
  const jsonBytes = new Uint8Array(await readOrMissing(jsonPath));
  const json = parseGraphModelJson(Buffer.from(jsonBytes).toString('utf8'), jsonPath);
  const dir = path.dirname(jsonPath);
  const shards = await Promise.all(
    json.weightsManifest.map(async (group) => {
      const parts = await Promise.all(group.paths.map((p) => readOrMissing(path.join(dir, p))));
      return new Uint8Array(Buffer.concat(parts));
    }),
  );
  return { jsonBytes, json, shards };
}

export async function loadGraphModel(jsonPath: string): Promise<LoadedGraphModel> {
  const files = await readGraphModelFiles(jsonPath);
  return { ...files, weights: decodeWeights(files.json.weightsManifest, files.shards) };
}
