/**
 * One-line logs on stderr: `[vigie] <ISO time> <message>`. Control characters in a message (line
 * breaks, ESC, the other C0 and C1 codes, DEL) are written escaped (`\n`, `\x1b`...), so text from
 * outside (a username tried at sign-in, a camera URL) can neither forge a log line nor drive the
 * terminal.
 */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hexEscape = (code: number): string => (code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`);

/** The message on one line, control characters escaped. Pure. */
export function escapeControl(message: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => NAMED[ch] ?? hexEscape(ch.charCodeAt(0)));
}

export function stderrLogger(prefix = 'vigie'): Logger {
  const write = (level: string, message: string): void =>
    void process.stderr.write(`[${prefix}] ${new Date().toISOString()} ${level}${escapeControl(message)}\n`);
  return { info: (m) => write('', m), error: (m) => write('ERROR ', m) };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
