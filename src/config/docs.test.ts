/** Keeps docs/configuration.md true: every rule parameter and camera key of the schema is documented. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cameraSchema, paramsSchema } from './schema.ts';

const doc = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/configuration.md'), 'utf8');

describe('docs/configuration.md', () => {
  it.each(Object.keys(paramsSchema.shape))('documents the rule parameter %s', (key) => {
    expect(doc).toContain(`\`${key}\``);
  });

  it.each(Object.keys(cameraSchema.shape))('documents the camera key %s', (key) => {
    expect(doc).toContain(`\`${key}\``);
  });
});
