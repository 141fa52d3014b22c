import { REDACTED } from '../../core/case-model/redact-case';

/**
 * Argument names whose values identify, never describe: report and node keys, link ends, enums.
 * An uncleared reader may see keys (a redacted node answers its key), so these stay readable.
 */
const IDENTIFIERS = new Set([
  'report',
  'key',
  'to',
  'support',
  'mitigation',
  'dependsOn',
  'status',
  'position',
  'expectedVersion',
  'replace',
  'restricted',
  'id',
]);

/** Mutations whose arguments carry no node's text: reports' own fields and access tokens. */
const WITHOUT_NODE_TEXT = new Set([
  'createReport',
  'updateReport',
  'deleteReport',
  'cloneReport',
  'publishReport',
  'archiveReport',
  'createAccessToken',
  'revokeAccessToken',
]);

/**
 * The node an audited mutation wrote, when it names exactly one: `key` (set, update, delete) or
 * `input.key` (create). Link mutations name only keys, which stay readable anyway.
 */
function nodeKeyOf(args: Record<string, unknown>): string | undefined {
  if (typeof args.key === 'string') return args.key;
  const input = args.input as Record<string, unknown> | undefined;
  return typeof input?.key === 'string' ? input.key : undefined;
}

/**
 * An audit entry's arguments as a reader without clearance may see them. They are shown whole
 * only when the mutation wrote one node of a report that is, now, there and unrestricted, and did
 * not restrict it (or carried no node's text at all); otherwise every value that is not an identifier reads `[restricted]`. This
 * fails closed: a node since deleted, a case file, or a mutation added later with new text
 * arguments are redacted until someone decides otherwise. Numbers and booleans are kept.
 */
export function redactAuditArguments(
  operation: string,
  args: Record<string, unknown>,
  report: string | null,
  isOpenNode: (report: string, key: string) => boolean,
): Record<string, unknown> {
  const key = nodeKeyOf(args);
  const input = args.input as Record<string, unknown> | undefined;
  if (WITHOUT_NODE_TEXT.has(operation)) return args;
  const open =
    report !== null && key !== undefined && input?.restricted !== true && isOpenNode(report, key);
  return open ? args : (redactText(args) as Record<string, unknown>);
}

function redactText(value: unknown, name?: string): unknown {
  if (name !== undefined && IDENTIFIERS.has(name)) return value;
  if (typeof value === 'string') return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactText(item));
  if (value && typeof value === 'object') {
    // A long string the audit kept as its length and hash: the hash reveals nothing; keep it.
    if ('sha256' in value && 'length' in value) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactText(v, k)]));
  }
  return value;
}
