/**
 * `vigie <command>`: the command-line entry. Each command lives in its own file;
 * errors are mapped to one-line messages and exit codes here, in one place.
 */
import { VigieError, errorMessage } from '../core/errors.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: vigie <command> [options]

Commands:
  analyze <source> (--scenario F | --config F) [--camera ID] [--store DIR | --no-store]
                         analyse a file or stream, print alerts as JSON lines
  eval <scenario file or folder> [--json] [--concurrency N]
                         run scenarios and score them (rules of ../shared/data/README.md)
  serve [--config F] [--demo] [--port 8080] [--host 127.0.0.1] [--public-url URL] [--data ./data] [--bus nats://host:port]
                         the operator console (HTTP + WebSocket) and the analysis of the
                         cameras (what npm start runs); --public-url: the address users reach
                         it at (reverse proxy), allowed as Host and Origin
  worker --bus nats://HOST:4222 [--config F] [--name ID] [--data DIR]
                         an analysis node of the distributed mode: runs its share of the
                         cameras the console assigns on the bus, publishes alerts, clips and
                         status there; SIGINT/SIGTERM hands its cameras over at once
  bus options (serve --bus and worker): --bus nats://a:4222,nats://b:4222 (user:password@ or
                         token@ in the URL), --bus-ca F (TLS, a private CA), --bus-cert F
                         --bus-key F (a client certificate), --bus-nkey F (an NKey seed) or
                         --bus-creds F (a NATS credentials file)
  models install [--force]
                         convert the bundled TensorFlow.js graphs to ONNX (npm install does it)
  journal verify --data DIR [--public-key FILE]
                         check the journal of a data folder: hash chain, numbering, signed
                         checkpoints (names an edited, deleted, truncated or re-hashed journal)
  journal verify <export.ndjson> [--public-key FILE]
                         check a journal export (GET /api/journal/export) on its own
  journal public-key [--data DIR]
                         print the journal's public key (PEM) for auditors
  journal export [--data DIR] [--format ndjson|csv] [--since T] [--until T] [--out FILE]
                         export the journal (times: ms or ISO 8601)
  report --from YYYY-MM-DD --to YYYY-MM-DD [--format html|csv] [--out FILE] [--data DIR] [--lang fr|en]
                         the evaluation report of [from, to) (UTC days): cameras and hours,
                         signals and decisions per event type, missed events, outages, users,
                         authorisations, the journal's state
  help                   this text
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import('./analyze.ts')).analyzeCommand,
  eval: async () => (await import('./eval.ts')).evalCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  worker: async () => (await import('./worker.ts')).workerCommand,
  models: async () => (await import('./models.ts')).modelsCommand,
  journal: async () => (await import('./journal.ts')).journalCommand,
  report: async () => (await import('./report.ts')).reportCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`vigie: unknown command "${name}"\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    return reportError(err);
  }
}

/** One clear line (or a short list for config problems) on stderr, and the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof VigieError) {
    process.stderr.write(`vigie: ${err.message}\n`);
    return err.code === 'USAGE' || err.code.startsWith('CONFIG') ? EXIT_USAGE : EXIT_FAILURE;
  }
  const parseError = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`vigie: ${errorMessage(err)}\n`);
  return parseError ? EXIT_USAGE : EXIT_FAILURE;
}
