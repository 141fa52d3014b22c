import type { CaseIssue } from '../case-model/case-issue';
import type { LocatedIssue } from '../case-format/parse-case-file';

/**
 * Lines for issues found after parsing (lineageIssues): the line of the node at each issue's path
 * in the case file's text, or null where it has none (a MEF file, a path the file lacks).
 */
export function locateCaseIssues({
  fileName,
  text,
  issues,
}: {
  readonly fileName: string;
  readonly text: string;
  readonly issues: readonly CaseIssue[];
}): LocatedIssue[] {
  if (/\.xml$/i.test(fileName)) return issues.map((issue) => ({ ...issue, line: null }));
  // Loaded on demand, as readCaseInput loads it: the CLI reads MEF files without it. The text
  // was just parsed, so this reuses that parse.
  const { readCaseYaml } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
    require('../case-format/parse-case-file') as typeof import('../case-format/parse-case-file');
  const read = readCaseYaml(text);
  if (!read.ok) return issues.map((issue) => ({ ...issue, line: null }));
  return issues.map((issue) => {
    // Composed for the first issue only: document() keeps it.
    const node: unknown = read.document().getIn(issue.path, true);
    const range =
      typeof node === 'object' && node !== null && 'range' in node
        ? (node as { range?: readonly number[] | null }).range
        : undefined;
    return { ...issue, line: read.lineAt(range?.[0]) };
  });
}
