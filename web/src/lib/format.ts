/** Values of `<input type="datetime-local">` to and from epoch ms (local time). Pure. Words, dates and numbers shown to users: i18n/format.ts. */

const pad = (n: number): string => String(n).padStart(2, '0');

/** Value for an `<input type="datetime-local">` from epoch ms (local time). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch ms from an `<input type="datetime-local">` value, undefined when empty or invalid. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
