import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ORDER } from '../../core/analysis';
import { analyzeFile, checkFile, type Print } from './offline-commands';

type DatabaseCommands = typeof import('./database-commands');

const USAGE = `usage: loadbearing <command>   (in this repository: npx loadbearing, or npm run cli --)
  check FILE                 validate a case file offline; prints file:line: messages
  analyze FILE [--json] [--max-order N]
                             load-bearing map, pathway margins and cut sets, roadmap; offline
  import FILE [--replace]    import a case file into the configured database
  export KEY [--out FILE]    print (or write) a report as a case file
Database: DATABASE_URL when set, else embedded PostgreSQL under DATA_DIR (default ./data).`;

/** Exit codes: 0 ok, 1 the case or the request is bad, 2 usage error. */
export async function runCli(argv: string[], out: Print, err: Print): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        replace: { type: 'boolean', default: false },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        'max-order': { type: 'string', default: String(DEFAULT_MAX_ORDER) },
        help: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, target] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (!target || !['check', 'analyze', 'import', 'export'].includes(command)) {
    err(USAGE);
    return 2;
  }
  if (command === 'check') return checkFile(target, out, err);
  if (command === 'analyze') {
    const maxOrder = Number(values['max-order']);
    return analyzeFile(target, { json: values.json, maxOrder }, out, err);
  }
  // Loaded only now: the data layer takes a second to load, the offline commands milliseconds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { importFile, exportReport } = require('./database-commands') as DatabaseCommands;
  return command === 'import'
    ? importFile(target, values.replace, out, err)
    : exportReport(target, values.out, out, err);
}

/**
 * Runs the CLI as a process. It never calls process.exit(): that would cut off output still
 * queued for a pipe (stdout to a pipe is asynchronous). It sets the exit code and lets node end
 * once stdout has drained.
 */
export function main(argv: string[] = process.argv.slice(2)): void {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exitCode ??= 0;
    process.stdout.destroy();
  });
  const print =
    (stream: NodeJS.WriteStream): Print =>
    (line) =>
      void stream.write(`${line}\n`);
  runCli(argv, print(process.stdout), print(process.stderr)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
