/** `<name>.onnx.json`: what a converted model was made from, so install can skip up-to-date files. */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** Dims: a number is a fixed size, a string a symbolic one ('height', 'height*width/64'), null unknown. */
const tensorInfo = z.object({ name: z.string(), dtype: z.string(), shape: z.array(z.union([z.number(), z.string(), z.null()])) });

export const sidecarSchema = z.object({
  name: z.string(),
  converterVersion: z.string(),
  /** sha256 over the source model.json and its weight shards, in manifest order. */
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  onnxBytes: z.number().int().positive(),
  inputs: z.array(tensorInfo),
  outputs: z.array(tensorInfo),
  convertedAt: z.string(),
});
export type Sidecar = z.infer<typeof sidecarSchema>;

export function sha256(parts: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The sidecar, or undefined when it is absent or unreadable (both mean "convert again"). */
export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined; // a torn or hand-edited sidecar: the model is converted again
  }
  const parsed = sidecarSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  await writeFile(file, `${JSON.stringify(sidecar, null, 2)}\n`);
}
