import { readCaseYaml } from '../../core/case-format/parse-case-file';
import { OPERATIONS, type ReportArgument } from './policy';

/** The report a root operation ('Mutation.importCase') is about; undefined when it names none. */
export function reportKeyOfOperation(
  operation: string,
  args: Record<string, unknown>,
): string | undefined {
  const policy = OPERATIONS[operation];
  return policy ? reportKeyOf(policy.report, args) : undefined;
}

/** The report an operation is about, from its arguments; undefined when it names none. */
export function reportKeyOf(
  from: ReportArgument,
  args: Record<string, unknown>,
): string | undefined {
  switch (from) {
    case 'report':
    case 'key':
    case 'from':
      return typeof args[from] === 'string' ? args[from] : undefined;
    case 'document':
      return reportKeyOfDocument(args.document);
    case 'none':
      return undefined;
  }
}

/** `report.key` of a case file; undefined when it has none (the import then refuses it). */
function reportKeyOfDocument(document: unknown): string | undefined {
  return reportFieldOfDocument(document, 'key');
}

/**
 * The report an operation's arguments say the report iterates on (SPEC §6): `report.previous`
 * of a case file, or `input.previous` of a report edit. Its lineage is checked against that
 * report, so the caller must be able to read it.
 */
export function previousReportOf(args: Record<string, unknown>): string | undefined {
  const input = args.input as { previous?: unknown } | null | undefined;
  if (typeof input?.previous === 'string') return input.previous;
  return reportFieldOfDocument(args.document, 'previous');
}

function reportFieldOfDocument(document: unknown, field: 'key' | 'previous'): string | undefined {
  if (typeof document !== 'string') return undefined;
  // With the import's own limits (size, nesting, aliases): this runs before the import does.
  const read = readCaseYaml(document);
  if (!read.ok) return undefined;
  const report = (read.raw as { report?: Record<string, unknown> } | null)?.report;
  const value = report?.[field];
  return typeof value === 'string' ? value : undefined;
}
