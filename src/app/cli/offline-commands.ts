import { readFileSync } from 'node:fs';
import { AnalysisError } from '../../core/analysis';
import {
  describeCaseAnalysis,
  formatCaseAnalysis,
  type CaseAnalysisOptions,
  type CaseReportAnalysis,
} from '../../core/analysis/case-analysis-report';
import type { Case } from '../../core/case-model/case';
import { readCaseInput } from '../../core/case-input/read-case-input';

/**
 * The commands that need no database. Case files are YAML (or JSON), or Open-PSA MEF XML
 * for a name ending in .xml. This module and everything it imports stay in src/core
 * and node's built-ins, so that `check` and `analyze` start fast (lint enforces it).
 */
export type Print = (line: string) => void;

export function checkFile(file: string, out: Print, err: Print): number {
  const text = readText(file, err);
  if (text === null) return 1;
  const { case: c, issues } = readCaseInput({ fileName: file, text });
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

export function analyzeFile(
  file: string,
  options: { json: boolean } & CaseAnalysisOptions,
  out: Print,
  err: Print,
): number {
  const c = readCase(file, err);
  if (!c) return 1;
  let report: CaseReportAnalysis;
  try {
    const { json: _json, ...analysis } = options;
    report = describeCaseAnalysis({ case: c, ...analysis });
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  else formatCaseAnalysis(report).forEach((line) => out(line));
  return 0;
}

function readText(file: string, err: Print): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${(e as Error).message}`);
    return null;
  }
}

/** The case in `file`, or null after printing its errors as file:line: messages. */
function readCase(file: string, err: Print): Case | null {
  const text = readText(file, err);
  if (text === null) return null;
  const { case: c, issues } = readCaseInput({ fileName: file, text });
  if (!c) {
    for (const issue of issues.filter((i) => i.severity === 'error')) {
      err(`${issue.line === null ? file : `${file}:${issue.line}`}: error: ${issue.message}`);
    }
  }
  return c;
}
