/** One-line logs on stderr: `[vigie] <ISO time> <message>`. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export function stderrLogger(prefix = 'vigie'): Logger {
  const write = (level: string, message: string): void =>
    void process.stderr.write(`[${prefix}] ${new Date().toISOString()} ${level}${message}\n`);
  return { info: (m) => write('', m), error: (m) => write('ERROR ', m) };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
