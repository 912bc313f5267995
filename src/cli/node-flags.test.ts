import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/footage.ts';
import { NODE_FLAGS } from './node-flags.ts';

const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const shebang = readFileSync(path.join(REPO_ROOT, 'bin/vigie.mjs'), 'utf8').split('\n')[0] ?? '';

describe('the V8 flags every Vigie process starts with', () => {
  it.each([
    ['npm start', scripts.start ?? ''],
    ['npm run eval:sources', scripts['eval:sources'] ?? ''],
    ['the vigie command (shebang)', shebang],
  ])('%s passes them to node', (_name, line) => {
    expect(line).toMatch(/\bnode\b/);
    for (const flag of NODE_FLAGS) expect(line.split(/\s+/)).toContain(flag);
  });
});
