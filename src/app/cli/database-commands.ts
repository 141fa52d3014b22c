import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { CaseStore } from '../../storage/repositories/case-store';
import { CaseVersions } from '../../case/cases/case-versions';
import { CaseService } from '../../case/cases/case.service';
import { TeamRemoval } from '../../case/cases/team-removal';
import { exportMefFile } from '../../core/case-format/mef/export-mef';
import { DomainError } from '../../core/shared/domain-error';
import { validateEnvironment } from '../../storage/config/env.validation';
import { openDatabase, type OpenDatabase } from '../../storage/database/open-database';
import { Transactions } from '../../storage/database/transactions';
import { AccessTokensRepository } from '../../storage/repositories/access-tokens.repository';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import type { Print } from './offline-commands';

/** `import` and `export`: loaded only when one of them runs, as they start the whole data layer. */
export function importFile(
  file: string,
  replace: boolean,
  out: Print,
  err: Print,
): Promise<number> {
  return withCaseService(async (cases) => {
    const report = await cases.importCase(readFileSync(file, 'utf8'), { replace });
    out(`imported report '${report.key}' (version ${report.version})`);
    return 0;
  }, err);
}

export function exportReport(
  key: string,
  options: { outFile?: string; format: 'yaml' | 'mef' },
  out: Print,
  err: Print,
): Promise<number> {
  const { outFile, format } = options;
  return withCaseService(async (cases) => {
    // The CLI reads the database directly, with full access.
    const document =
      format === 'mef'
        ? exportMefFile({ case: await cases.loadCase(key) })
        : await cases.exportCase(key, true);
    if (outFile) writeFileSync(outFile, document);
    else out(document.trimEnd());
    return 0;
  }, err);
}

async function withCaseService(
  run: (cases: CaseService) => Promise<number>,
  err: Print,
): Promise<number> {
  const env = validateEnvironment(process.env);
  let database: OpenDatabase;
  try {
    database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  } catch (e) {
    // Most often: the service is running on the same embedded database.
    err(`error: ${(e as Error).message}`);
    return 1;
  }
  try {
    const { dataSource } = database;
    const store = new CaseStore();
    const transactions = new Transactions(dataSource);
    const teamRemoval = new TeamRemoval(
      new RequestsRepository(dataSource),
      new AccessTokensRepository(dataSource),
    );
    const versions = new CaseVersions(transactions, store);
    return await run(new CaseService(transactions, store, versions, teamRemoval));
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    err(`error: ${e.message}`);
    for (const issue of e.issues.slice(1)) {
      err(`  ${issue.line === null ? '' : `line ${issue.line}: `}${issue.message}`);
    }
    return 1;
  } finally {
    await database.close();
  }
}
