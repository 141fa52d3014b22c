import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLargeCase } from '../src/core/analysis/generate-case';
import { exportCaseFile } from '../src/core/case-format/export-case-file';
import { parseCaseFile } from '../src/core/case-format/parse-case-file';
import { benchAnalysisCore } from './analysis-core';
import { benchCaseCheckMemory } from './case-check-memory';
import { benchDashboard } from './dashboard';
import { benchHostileFiles } from './hostile-files';
import { databaseUrl, graphqlClient, psql, startService } from './service';
import {
  BENCH_CASE,
  EXAMPLE_QUERIES,
  NESTED_REPORT_QUERY,
  timed,
  type Measurement,
} from './shared';

/**
 * `npm run bench`: the service's figures for the generated case in BENCH_CASE, on PostgreSQL
 * (DATABASE_URL, or the local server when it answers) and on embedded PGlite. The service runs in
 * its own process in production mode; this process is the client, over HTTP on 127.0.0.1.
 */
const EXAMPLE_DOCUMENT = readFileSync(
  join(__dirname, '../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const BENCH_DB = 'lb_bench';

async function benchTarget(
  label: string,
  env: NodeJS.ProcessEnv,
  document: string,
  /** The same case with another report title: a replace import that writes everything. */
  revised: string,
  reportKey: string,
  firstMitigation: string,
  pathways: number,
) {
  const service = await startService(label, env);
  const gql = graphqlClient(service.url, service.token);
  const importCase =
    'mutation($d: String!) { importCase(document: $d, replace: true) { version } }';
  // Each step's figures with the service's peak RSS once it has run: where the peak comes from.
  const withPeak = (ms: Measurement[]) => ms.map((m) => ({ ...m, peakRssMb: service.peakRssMb() }));
  const step = async (...args: Parameters<typeof timed>) => withPeak([await timed(...args)])[0];
  const results: Measurement[] = [
    await step('import (importCase)', 1, () => gql(importCase, { d: document })),
    await step('replace import (the case, another title)', 1, () =>
      gql(importCase, { d: revised }),
    ),
    await step('replace import (identical: no new version)', 1, () =>
      gql(importCase, { d: revised }),
    ),
    await step('export (exportCase)', 3, () =>
      gql('query($k: String!) { report(key: $k) { exportCase } }', { k: reportKey }),
    ),
    await step('nested report query', 5, () => gql(NESTED_REPORT_QUERY, { key: reportKey }), 1),
    ...withPeak(
      await benchDashboard(new URL(service.url).origin, service.token, reportKey, pathways, [
        { name: 'a replace import', run: () => gql(importCase, { d: document }) },
        {
          name: 'a status change',
          run: () =>
            gql(
              'mutation($r: String!, $k: String!) { setMitigationStatus(report: $r, key: $k, status: failed) { key } }',
              { r: reportKey, k: firstMitigation },
            ),
        },
      ]),
    ),
    await step('roadmap, maxOrder 3 (cold)', 1, () =>
      gql(`{ roadmap(report: "${reportKey}", maxOrder: 3) { rank } }`, {}),
    ),
    await step('pathway margins + load-bearing', 5, () =>
      gql(
        `{ report(key: "${reportKey}") { pathways { key margin holds loadBearing { key } } } }`,
        {},
      ),
    ),
    await step('one whatBreaks (analysed)', 5, () =>
      gql(
        `query($k: [String!]!) { whatBreaks(report: "${reportKey}", failed: $k) { brokenPathways { key } weakened { key } } }`,
        { k: [firstMitigation] },
      ),
    ),
    await step('setMitigationStatus', 5, () =>
      gql(
        'mutation($r: String!, $k: String!) { setMitigationStatus(report: $r, key: $k, status: degraded) { key } }',
        { r: reportKey, k: firstMitigation },
      ),
    ),
  ];
  await gql(importCase, { d: EXAMPLE_DOCUMENT });
  for (const [name, query] of Object.entries(EXAMPLE_QUERIES)) {
    await gql(query, {}); // analyses the example once; then each query answers from the cache
    results.push(await timed(`example: ${name}`, 9, () => gql(query, {})));
  }
  const peakRss = service.peakRssMb();
  await service.stop();
  console.log(`\n${label} (service peak RSS: ${peakRss ?? '?'} MB)`);
  for (const m of results) {
    console.log(
      `  ${m.name.padEnd(30)} ${String(m.ms).padStart(7)} ms  (median of ${m.runs}${m.warmUp ? ` after ${m.warmUp} warm-up` : ''}` +
        `${m.warmUp ? `; runs: ${m.all.join(', ')} ms` : ''})` +
        (m.peakRssMb === undefined ? '' : `  peak RSS ${m.peakRssMb} MB`),
    );
  }
}

async function main(): Promise<void> {
  const c = generateLargeCase(BENCH_CASE);
  const document = exportCaseFile({ case: c });
  const links =
    [...c.pathways, ...c.claims].reduce((n, x) => n + x.supports.length, 0) +
    c.mitigations.reduce((n, m) => n + m.dependsOn.length, 0);
  console.log(
    `Generated case: ${c.mitigations.length} mitigations, ${c.claims.length} claims, ${c.pathways.length} pathways, ` +
      `${c.evidence.length} evidence, ${links} links (${Math.round(document.length / 1024)} kB as YAML)`,
  );
  console.log('\nAnalysis core, in process (generated case)');
  const before = process.memoryUsage().rss;
  for (const line of benchAnalysisCore(c)) console.log(`  ${line}`);
  console.log(
    `  process RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB (was ${Math.round(before / 2 ** 20)} MB before the analyses)`,
  );
  console.log('\nHostile case files, refused in process');
  for (const line of benchHostileFiles()) console.log(`  ${line}`);
  console.log('\nAnalysis core, in process (example case)');
  for (const line of benchAnalysisCore(parseCaseFile({ text: EXAMPLE_DOCUMENT }).case!)) {
    console.log(`  ${line}`);
  }

  const revised = exportCaseFile({
    case: { ...c, report: { ...c.report, title: `${c.report.title} (revised)` } },
  });
  const args = [document, revised, c.report.key, c.mitigations[0].key, c.pathways.length] as const;
  if (
    psql(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`) &&
    psql(`CREATE DATABASE ${BENCH_DB}`)
  ) {
    await benchTarget('PostgreSQL', { DATABASE_URL: databaseUrl(BENCH_DB) }, ...args);
    console.log('\nCase-file checks at the document limits (PostgreSQL)');
    for (const line of await benchCaseCheckMemory(BENCH_DB)) {
      console.log(`  ${line}`);
    }
    psql(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } else {
    console.log('\nPostgreSQL: skipped (no server answers at DATABASE_URL or 127.0.0.1:5432)');
  }
  await benchTarget('embedded PGlite', { DATABASE_URL: '' }, ...args);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
