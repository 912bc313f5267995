/** Zod issues -> one line each, `scene.zones[0].polygon: message`. */
import type { z } from 'zod';

/** `['scene', 'zones', 0, 'polygon']` -> `scene.zones[0].polygon`; the root is `(root)`. */
export function formatPath(pathParts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of pathParts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

export function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `  ${formatPath([...issue.path, key])}: unknown key "${key}"`);
  }
  return [`  ${formatPath(issue.path)}: ${issue.message}`];
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.flatMap(formatIssue).join('\n');
}
