import { readFileSync } from 'node:fs';
import { AnalysisError } from '../../core/analysis';
import {
  describeCaseAnalysis,
  formatCaseAnalysis,
  stringifyCaseAnalysis,
  type CaseAnalysisOptions,
  type CaseReportAnalysis,
} from '../../core/analysis/case-analysis-report';
import type { Case } from '../../core/case-model/case';
import { readCaseInput } from '../../core/case-input/read-case-input';
import { diffCases, type CaseDiff } from '../../core/iteration/diff-reports';
import { formatCaseDiff, formatReadiness } from '../../core/iteration/format-iteration';
import { iteratesOn, lineageIssues } from '../../core/iteration/lineage';
import { locateCaseIssues } from '../../core/iteration/locate-issues';
import { assessReadiness, type Readiness } from '../../core/iteration/readiness';
import { withOverdueFailed } from '../../core/case-model/verification';

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
  options: {
    json: boolean;
    /** Mitigations overdue for verification at this instant (ms) count as failed. */
    overdueFailsAt?: number;
  } & CaseAnalysisOptions,
  out: Print,
  err: Print,
): number {
  const read = readCase(file, err);
  if (!read) return 1;
  const { json: _json, overdueFailsAt, ...analysis } = options;
  const c = overdueFailsAt === undefined ? read : withOverdueFailed(read, overdueFailsAt).case;
  let report: CaseReportAnalysis;
  try {
    report = describeCaseAnalysis({ case: c, ...analysis });
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  if (options.json) out(stringifyCaseAnalysis(report, 2));
  else formatCaseAnalysis(report).forEach((line) => out(line));
  return 0;
}

/**
 * SPEC §6 `diff A B`: exit 0 when no pathway or claim of A lost holding or margin in B, 1 when
 * one did (a CI gate), 2 on bad input: a file that cannot be read or is not a valid case, or, when
 * B iterates on A (its report.previous is A's key), a previousKeys entry naming nothing in A.
 * Lineage is checked exactly when it is used to match nodes (matchNodes).
 */
export function diffFiles(
  fromFile: string,
  toFile: string,
  options: { readonly json: boolean; readonly maxOrder: number },
  out: Print,
  err: Print,
): number {
  const from = readCaseAndText(fromFile, err);
  const to = readCaseAndText(toFile, err);
  if (!from || !to) return 2;
  if (iteratesOn(to.case, from.case)) {
    const issues = locateCaseIssues({
      fileName: toFile,
      text: to.text,
      issues: lineageIssues(from.case, to.case),
    });
    for (const issue of issues) {
      err(`${issue.line === null ? toFile : `${toFile}:${issue.line}`}: error: ${issue.message}`);
    }
    if (issues.length > 0) return 2;
  }
  let diff: CaseDiff;
  try {
    diff = diffCases(from.case, to.case, { maxOrder: options.maxOrder });
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  if (options.json) out(JSON.stringify(diff, null, 2));
  else formatCaseDiff(diff).forEach((line) => out(line));
  return diff.summary.regressions.length > 0 ? 1 : 0;
}

/** SPEC §6 `readiness A`: exit 0, or 2 on bad input. */
export function readinessFile(
  file: string,
  options: { readonly json: boolean; readonly maxOrder: number },
  out: Print,
  err: Print,
): number {
  const read = readCaseAndText(file, err);
  if (!read) return 2;
  let readiness: Readiness;
  try {
    readiness = assessReadiness(read.case, { maxOrder: options.maxOrder });
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  if (options.json) out(JSON.stringify(readiness, null, 2));
  else formatReadiness(readiness).forEach((line) => out(line));
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
  return readCaseAndText(file, err)?.case ?? null;
}

function readCaseAndText(file: string, err: Print): { case: Case; text: string } | null {
  const text = readText(file, err);
  if (text === null) return null;
  // Only errors are printed here: warnings need no lines.
  const { case: c, issues } = readCaseInput({ fileName: file, text, locateWarnings: false });
  if (!c) {
    for (const issue of issues.filter((i) => i.severity === 'error')) {
      err(`${issue.line === null ? file : `${file}:${issue.line}`}: error: ${issue.message}`);
    }
    return null;
  }
  return { case: c, text };
}
