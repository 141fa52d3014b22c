import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ORDER, type LatencyOverride } from '../../core/analysis';
import { analyzeFile, checkFile, diffFiles, readinessFile, type Print } from './offline-commands';

type DatabaseCommands = typeof import('./database-commands');

const USAGE = `usage: loadbearing <command>   (in this repository: npx loadbearing, or npm run cli --)
  check FILE                 validate a case file offline; prints file:line: messages
  analyze FILE [--json] [--max-order N|all] [--probability] [--importance]
               [--default-probability P] [--latency MITIGATION=DURATION]...
               [--overdue-fails]
                             margins and minimal cut sets (to order N, default 4, or every
                             order), load-bearing map, roadmap, scenarios' response chains;
                             with --probability each pathway's failure probability (exact,
                             rare-event, MCUB), with --importance the five importance
                             measures; --latency (repeatable) is a what-if: every response
                             step of MITIGATION takes DURATION (30s, 5m, 2h, 3d); with
                             --overdue-fails mitigations overdue for verification (verifyEvery
                             past lastVerified, now) count as failed; offline
  diff A B [--json] [--max-order N]
                             what changed from case file A to B (the next report): nodes
                             added, removed, renamed or split via previousKeys, fields, links,
                             holding and margins, load-bearing pairs, roadmap; exit 0 when no
                             pathway or claim lost holding or margin, 1 when one did, 2 on bad
                             input (previousKeys are used, and checked, when B's
                             report.previous is A's key)
  readiness FILE [--json] [--max-order N]
                             what stands between the case and a report that holds, and the
                             evidence to redo, ranked as the roadmap; exit 0, 2 on bad input
  import FILE [--replace]    import a case file into the configured database
  export KEY [--out FILE] [--format yaml|mef]
                             print (or write) a report as a case file, or as Open-PSA MEF
FILE is a case file (YAML or JSON), or Open-PSA MEF XML when its name ends in .xml.
An internal error (a bug, not bad input) exits 70, never 0, 1 or 2.
Database: DATABASE_URL when set, else embedded PostgreSQL under DATA_DIR (default ./data).`;

/**
 * Exit codes: 0 ok, 1 the case or the request is bad, 2 usage error; `diff` and `readiness`
 * (SPEC §6): 0 ok, 1 a regression (diff), 2 bad input of any kind.
 */
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
        probability: { type: 'boolean', default: false },
        importance: { type: 'boolean', default: false },
        'default-probability': { type: 'string' },
        latency: { type: 'string', multiple: true, default: [] },
        'overdue-fails': { type: 'boolean', default: false },
        format: { type: 'string', default: 'yaml' },
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
  if (command === 'diff' || command === 'readiness') {
    const files = positionals.slice(1);
    const wanted = command === 'diff' ? 2 : 1;
    const maxOrder = Number(values['max-order']);
    if (files.length !== wanted) {
      err(
        `${command} takes ${wanted === 2 ? 'two case files, A and B' : 'one case file'}, got ${files.length}\n${USAGE}`,
      );
      return 2;
    }
    if (!Number.isInteger(maxOrder)) {
      err(`--max-order must be an integer for ${command}, got '${values['max-order']}'\n${USAGE}`);
      return 2;
    }
    const options = { json: values.json, maxOrder };
    return command === 'diff'
      ? diffFiles(files[0], files[1], options, out, err)
      : readinessFile(files[0], options, out, err);
  }
  if (!target || !['check', 'analyze', 'import', 'export'].includes(command)) {
    err(USAGE);
    return 2;
  }
  if (command === 'check') return checkFile(target, out, err);
  if (command === 'analyze') {
    const maxOrder = values['max-order'] === 'all' ? null : Number(values['max-order']);
    const fallback = values['default-probability'];
    const latencies: LatencyOverride[] = [];
    for (const text of values.latency) {
      const override = parseLatencyOverride(text);
      if (!override) {
        err(`--latency takes MITIGATION=DURATION (egress-monitor=4h), got '${text}'\n${USAGE}`);
        return 2;
      }
      latencies.push(override);
    }
    return analyzeFile(
      target,
      {
        json: values.json,
        maxOrder,
        probability: values.probability || values.importance,
        importance: values.importance,
        defaultProbability: fallback === undefined ? undefined : Number(fallback),
        latencies,
        overdueFailsAt: values['overdue-fails'] ? Date.now() : undefined,
      },
      out,
      err,
    );
  }
  if (values.format !== 'yaml' && values.format !== 'mef') {
    err(`--format must be yaml or mef, got '${values.format}'\n${USAGE}`);
    return 2;
  }
  // Loaded only now: the data layer takes a second to load, the offline commands milliseconds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { importFile, exportReport } = require('./database-commands') as DatabaseCommands;
  return command === 'import'
    ? importFile(target, values.replace, out, err)
    : exportReport(target, { outFile: values.out, format: values.format }, out, err);
}

/** `egress-monitor=4h` as an override; the duration is checked by the analysis, which names the key. */
function parseLatencyOverride(text: string): LatencyOverride | null {
  const at = text.lastIndexOf('=');
  return at > 0 && at < text.length - 1
    ? { mitigation: text.slice(0, at), latency: text.slice(at + 1) }
    : null;
}

/** sysexits' EX_SOFTWARE: distinct from every exit code a command chooses. */
export const INTERNAL_ERROR_EXIT = 70;

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
      // Not 1: a CI gate on `diff` must not read a crash as a regression.
      process.exitCode = INTERNAL_ERROR_EXIT;
    },
  );
}

if (require.main === module) main();
