/** Keyboard helpers shared by the screens with single-key shortcuts. */

/** True when the key press goes to a text field, a select or an editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
}

/** A plain key press (no Ctrl/Alt/Meta), outside text fields. */
export function isShortcut(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.altKey && !e.metaKey && !isTypingTarget(e.target);
}

/** Qualifying keys, the same in both languages: c confirmed / confirmé, f false alarm / fausse alerte, d duplicate / doublon. */
export const QUALIFY_KEYS = { c: 'confirmed', f: 'false_alarm', d: 'duplicate' } as const;
