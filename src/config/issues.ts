import type { z } from 'zod';

/** `['cameras', 1, 'zones', 0, 'polygon']` -> `cameras[1].zones[0].polygon`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Every issue of a failed parse, one line each, with its path (config files, scenario files, HTTP bodies). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown key`);
    return [`${formatPath(issue.path)}: ${issue.message}`];
  });
}
