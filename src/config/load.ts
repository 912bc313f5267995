import { readFileSync, existsSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { SiteConfig } from './schema.ts';
import { confinedSiteSchema } from './confined.ts';
import { formatIssues } from './issues.ts';

/** Parses YAML text; syntax errors become one VigieError naming the file, line and column. */
export function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new VigieError('CONFIG_INVALID', `${where}: malformed YAML: ${first.message.split('\n')[0]}`);
  }
  return doc.toJS() ?? {};
}

/** Validates a parsed config; all problems are listed at once, each with its path. */
export function validateConfig(raw: unknown, file: string): SiteConfig {
  const result = confinedSiteSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  throw new VigieError('CONFIG_INVALID', `${file}: invalid config (${lines.length} problem${lines.length > 1 ? 's' : ''}):\n  ${lines.join('\n  ')}`);
}

export function loadConfig(file: string): SiteConfig {
  if (!existsSync(file)) throw new VigieError('CONFIG_NOT_FOUND', `${file}: config file not found`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new VigieError('CONFIG_NOT_FOUND', `${file}: cannot read config: ${errorMessage(err)}`);
  }
  return validateConfig(parseYaml(text, file), file);
}
