/**
 * Typed extra observations that frame analyzers (pose, flow, tiles, colour...) add for the rules.
 * Each analyzer module exports its own key; rules read with getExtra. No shared union to edit.
 */
export interface ExtraKey<T> {
  readonly name: string;
  /** Phantom field carrying the value type; never set. */
  readonly __type?: T;
}

export function extraKey<T>(name: string): ExtraKey<T> {
  return { name };
}

export type Extras = ReadonlyMap<ExtraKey<unknown>, unknown>;

export function getExtra<T>(extras: Extras | undefined, key: ExtraKey<T>): T | undefined {
  return extras?.get(key as ExtraKey<unknown>) as T | undefined;
}

/** What an analyzer writes into. */
export interface ExtrasWriter {
  set<T>(key: ExtraKey<T>, value: T): void;
}

export function createExtras(): { readonly extras: Extras; readonly writer: ExtrasWriter } {
  const map = new Map<ExtraKey<unknown>, unknown>();
  return { extras: map, writer: { set: (key, value) => void map.set(key as ExtraKey<unknown>, value) } };
}
