import { readFileSync } from 'node:fs';
import {
  describeCaseAnalysis,
  stringifyCaseAnalysis,
} from '../src/core/analysis/case-analysis-report';
import { readCaseInput } from '../src/core/case-input/read-case-input';

/*
 * What `cli analyze FILE --json --max-order N` does, importing only the pure core: the process
 * bench:engine times against scram. Usage: node analyze-file.js FILE [N|all] [--probability].
 */
function main(): void {
  const [fileName, order = '4', ...flags] = process.argv.slice(2);
  const parsed = readCaseInput({
    fileName,
    text: readFileSync(fileName, 'utf8'),
    locateWarnings: false,
  });
  if (!parsed.case) {
    for (const issue of parsed.issues) {
      process.stderr.write(`${issue.line ?? '-'}: ${issue.message}\n`);
    }
    process.exitCode = 1;
    return;
  }
  const report = describeCaseAnalysis({
    case: parsed.case,
    maxOrder: order === 'all' ? null : Number(order),
    probability: flags.includes('--probability'),
    importance: flags.includes('--importance'),
  });
  // One write: the process exits only once stdout has drained.
  process.stdout.write(`${stringifyCaseAnalysis(report, 2)}\n`);
}

main();
