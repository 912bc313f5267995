/**
 * Turns what analyzers write as extras (maps, typed arrays, nested objects) into plain JSON values
 * for traces: maps become objects keyed by their keys, typed arrays and long arrays are summarised,
 * numbers are rounded. Pure.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonSafeOptions {
  /** Arrays longer than this are cut (with a note of their length). */
  readonly maxItems: number;
  /** Nesting deeper than this is summarised. */
  readonly maxDepth: number;
  /** Decimals kept on numbers. */
  readonly decimals: number;
}

export const DEFAULT_JSON_SAFE: JsonSafeOptions = { maxItems: 64, maxDepth: 6, decimals: 4 };

function round(x: number, decimals: number): number | string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export function toJsonSafe(value: unknown, opts: JsonSafeOptions = DEFAULT_JSON_SAFE, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return round(value, opts.decimals);
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} of ${value.byteLength} bytes]`;
  if (depth >= opts.maxDepth) return '[nested]';
  if (value instanceof Map) {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of value) out[String(k)] = toJsonSafe(v, opts, depth + 1);
    return out;
  }
  if (value instanceof Set) return toJsonSafe([...value], opts, depth);
  if (Array.isArray(value)) {
    const items = value.slice(0, opts.maxItems).map((v: unknown) => toJsonSafe(v, opts, depth + 1));
    return value.length > opts.maxItems ? [...items, `[+${value.length - opts.maxItems} more]`] : items;
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = toJsonSafe(v, opts, depth + 1);
  return out;
}
