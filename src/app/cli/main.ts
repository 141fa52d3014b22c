import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { CaseStore } from '../../case-graph/case-store';
import { CaseVersions } from '../../case-graph/case-versions';
import { CaseService } from '../../case-graph/case.service';
import { AnalysisError, DEFAULT_MAX_ORDER } from '../../core/analysis';
import type { Case } from '../../core/case-model/case';
import { parseCaseFile } from '../../core/case-format/parse-case-file';
import { DomainError } from '../../core/shared/domain-error';
import { validateEnvironment } from '../../config/env.validation';
import { buildDataSourceOptions } from '../../database/data-source';
import { EmbeddedDatabase } from '../../database/embedded-database';
import {
  describeCaseAnalysis,
  formatCaseAnalysis,
  type CaseReportAnalysis,
} from '../../core/analysis/case-analysis-report';

const USAGE = `usage: npm run cli -- <command>
  check FILE                 validate a case file offline; prints file:line: messages
  analyze FILE [--json] [--max-order N]
                             load-bearing map, pathway margins and cut sets, roadmap; offline
  import FILE [--replace]    import a case file into the configured database
  export KEY [--out FILE]    print (or write) a report as a case file
Database: DATABASE_URL when set, else embedded PostgreSQL under DATA_DIR (default ./data).`;

/** Exit codes: 0 ok, 1 the case or the request is bad, 2 usage error. */
export async function runCli(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
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
  return withCaseService(async (cases) => {
    if (command === 'import') {
      const report = await cases.importCase(readFileSync(target, 'utf8'), {
        replace: values.replace,
      });
      out(`imported report '${report.key}' (version ${report.version})`);
    } else {
      // The CLI reads the database directly, with full access.
      const document = await cases.exportCase(target, true);
      if (values.out) writeFileSync(values.out, document);
      else out(document.trimEnd());
    }
    return 0;
  }, err);
}

function checkFile(file: string, out: (line: string) => void, err: (line: string) => void): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${(e as Error).message}`);
    return 1;
  }
  const { case: c, issues } = parseCaseFile({ text });
  for (const issue of issues) {
    const where = issue.line === null ? file : `${file}:${issue.line}`;
    (issue.severity === 'error' ? err : out)(`${where}: ${issue.severity}: ${issue.message}`);
  }
  if (!c) return 1;
  out(
    `${file}: ok: report '${c.report.key}' with ${c.pathways.length} pathways, ${c.claims.length} claims, ` +
      `${c.mitigations.length} mitigations, ${c.evidence.length} evidence` +
      (issues.length > 0 ? ` (${issues.length} warnings)` : ''),
  );
  return 0;
}

function analyzeFile(
  file: string,
  options: { json: boolean; maxOrder: number },
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  const c = readCase(file, err);
  if (!c) return 1;
  let report: CaseReportAnalysis;
  try {
    report = describeCaseAnalysis({ case: c, maxOrder: options.maxOrder });
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  else formatCaseAnalysis(report).forEach((line) => out(line));
  return 0;
}

/** The case in `file`, or null after printing its errors as file:line: messages. */
function readCase(file: string, err: (line: string) => void): Case | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${(e as Error).message}`);
    return null;
  }
  const { case: c, issues } = parseCaseFile({ text });
  if (!c) {
    for (const issue of issues.filter((i) => i.severity === 'error')) {
      err(`${issue.line === null ? file : `${file}:${issue.line}`}: error: ${issue.message}`);
    }
  }
  return c;
}

async function withCaseService(
  run: (cases: CaseService) => Promise<number>,
  err: (line: string) => void,
): Promise<number> {
  const env = validateEnvironment(process.env);
  let embedded: EmbeddedDatabase;
  try {
    embedded = env.DATABASE_URL
      ? EmbeddedDatabase.none()
      : await EmbeddedDatabase.open(env.DATA_DIR);
  } catch (e) {
    // Most often: the service is running on the same embedded database.
    err(`error: ${(e as Error).message}`);
    return 1;
  }
  const dataSource = new DataSource(
    buildDataSourceOptions(
      embedded.pglite
        ? { kind: 'embedded', pglite: embedded.pglite }
        : { kind: 'server', url: env.DATABASE_URL! },
    ),
  );
  await dataSource.initialize();
  try {
    const store = new CaseStore();
    return await run(new CaseService(dataSource, store, new CaseVersions(dataSource, store)));
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    err(`error: ${e.message}`);
    for (const issue of e.issues.slice(1)) {
      err(`  ${issue.line === null ? '' : `line ${issue.line}: `}${issue.message}`);
    }
    return 1;
  } finally {
    await dataSource.destroy();
    await embedded.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), console.log, console.error).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
