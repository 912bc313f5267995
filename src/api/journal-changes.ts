/**
 * Configuration changes as the journal keeps them: what a camera was and became, field by field
 * (before and after of each top-level field that changed), with passwords in stream URLs masked;
 * accounts by name and role, never a password or its hash. Pure.
 */
import type { CameraConfig } from '../config/schema.ts';
import { redactUrl } from '../ingest/source.ts';

/** JSON with object keys sorted: two equal values give the same text whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The top-level fields that differ, each with its value before and after (absent: null). */
export function changes(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): Record<string, { from: unknown; to: unknown }> {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return Object.fromEntries(keys.filter((k) => stableJson(before[k]) !== stableJson(after[k])).map((k) => [k, { from: before[k] ?? null, to: after[k] ?? null }]));
}

/** A camera's configuration for the journal: its URL without a password, no live state. */
export function cameraForJournal(c: CameraConfig & { readonly status?: unknown; readonly stats?: unknown }): Record<string, unknown> {
  const { status: _status, stats: _stats, ...config } = c;
  return { ...config, url: redactUrl(config.url) };
}
