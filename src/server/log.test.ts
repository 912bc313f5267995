import { describe, expect, it } from 'vitest';
import { escapeControl } from './log.ts';

describe('log lines', () => {
  // [what, message, written]
  const cases: [string, string, string][] = [
    ['plain text unchanged', 'failed sign-in for "ana" from 10.0.0.2', 'failed sign-in for "ana" from 10.0.0.2'],
    ['a forged second line', 'x"\n[vigie] 2026-01-01T00:00:00.000Z first account created: eve', 'x"\\n[vigie] 2026-01-01T00:00:00.000Z first account created: eve'],
    ['carriage return and tab', 'a\rb\tc', 'a\\rb\\tc'],
    ['terminal escape (ESC)', '\u001b[2J', '\\x1b[2J'],
    ['NUL, DEL and a C1 code', '\u0000\u007f\u009b', '\\x00\\x7f\\x9b'],
    ['Unicode line separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['non-ASCII text unchanged', 'caméra été', 'caméra été'],
  ];
  it.each(cases)('%s', (_what, message, written) => expect(escapeControl(message)).toBe(written));
});
