import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { REQUIRE_ALL, type Case, type Requirement } from '../case-model/case';
import type { CaseIssue, CasePath } from '../case-model/case-issue';
import { validateCase } from '../case-model/validate-case';
import { caseFileSchema, type CaseFile } from './case-file-schema';

export interface LocatedIssue extends CaseIssue {
  /** 1-based line in the file, or null when the issue has no place in it. */
  readonly line: number | null;
}

export interface ParsedCaseFile {
  /** The case, or null when the file has errors. */
  readonly case: Case | null;
  readonly issues: readonly LocatedIssue[];
}

/** Refuse alias bombs: a document may expand at most this many aliases. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses and validates a case file (YAML or JSON). Every issue names the offending keys and,
 * where it has one, the line. Warnings do not stop the case from being returned.
 */
export function parseCaseFile({ text }: { text: string }): ParsedCaseFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : lineCounter.linePos(offset).line;

  // Unknown tags come back as warnings; a case file has no use for them, so they are errors.
  const syntaxIssues = [...doc.errors, ...doc.warnings].map((e): LocatedIssue => ({
    severity: 'error',
    code: 'YAML_SYNTAX',
    message: e.message.split('\n')[0],
    path: [],
    keys: [],
    line: lineAt(e.pos[0]),
  }));
  if (syntaxIssues.length > 0) return { case: null, issues: syntaxIssues };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      case: null,
      issues: [{ severity: 'error', code: 'YAML_SYNTAX', message, path: [], keys: [], line: null }],
    };
  }
  const locate = (path: CasePath) => lineAt(findOffset(doc, path));

  const parsed = caseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) => describeSchemaIssue(issue, raw));
    return { case: null, issues: issues.map((i) => ({ ...i, line: locate(i.path) })) };
  }

  const c = toCase(parsed.data);
  const issues = validateCase({ case: c }).map((i) => ({ ...i, line: locate(i.path) }));
  return { case: issues.some((i) => i.severity === 'error') ? null : c, issues };
}

function toCase(file: CaseFile): Case {
  const requirement = (r: NonNullable<CaseFile['pathways']>[number]['requires']): Requirement =>
    !r || r === 'all'
      ? REQUIRE_ALL
      : r === 'any'
        ? { mode: 'any' }
        : { mode: 'atLeast', atLeast: r.atLeast };
  return {
    report: {
      key: file.report.key,
      title: file.report.title,
      model: file.report.model ?? null,
      previous: file.report.previous ?? null,
      description: file.report.description ?? null,
    },
    teams: (file.teams ?? []).map((t) => ({ key: t.key, name: t.name ?? null })),
    pathways: (file.pathways ?? []).map((p) => ({
      key: p.key,
      title: p.title,
      description: p.description ?? null,
      requires: requirement(p.requires),
      supports: p.supports ?? [],
    })),
    claims: (file.claims ?? []).map((c) => ({
      key: c.key,
      statement: c.statement,
      kind: c.kind ?? 'other',
      description: c.description ?? null,
      requires: requirement(c.requires),
      supports: c.supports ?? [],
      assumed: c.assumed ?? false,
    })),
    mitigations: (file.mitigations ?? []).map((m) => ({
      key: m.key,
      title: m.title,
      kind: m.kind ?? 'other',
      description: m.description ?? null,
      team: m.team ?? null,
      status: m.status,
      dependsOn: m.dependsOn ?? [],
      effort: m.effort ?? null,
    })),
    evidence: (file.evidence ?? []).map((e) => ({
      key: e.key,
      title: e.title,
      description: e.description ?? null,
      status: e.status,
      ...(e.validUntil ? { validUntil: normaliseInstant(e.validUntil) } : {}),
    })),
  };
}

/** A parseable date or date-time as an ISO instant; anything else is left for validateCase to refuse. */
function normaliseInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

const NODE_LABEL: Record<string, string> = {
  pathways: 'pathway',
  claims: 'claim',
  mitigations: 'mitigation',
  evidence: 'evidence',
  teams: 'team',
};

/** Turns a zod issue into case issues whose message names the node by key and the field. */
function describeSchemaIssue(issue: z.core.$ZodIssue, raw: unknown): CaseIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const owner = describeOwner(path, raw);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((field) => ({
      severity: 'error',
      code: 'UNKNOWN_FIELD',
      path: [...path, field],
      keys: owner.key ? [owner.key] : [],
      message: `${owner.label}unknown field '${field}'`,
    }));
  }
  const field = path.slice(owner.depth).join('.') || '(document)';
  const missing = getIn(raw, path) === undefined;
  return [
    {
      severity: 'error',
      code: 'INVALID_FIELD',
      path,
      keys: owner.key ? [owner.key] : [],
      message: `${owner.label}${field}: ${missing ? 'is required' : issue.message}`,
    },
  ];
}

function describeOwner(
  path: CasePath,
  raw: unknown,
): { label: string; key: string | null; depth: number } {
  const [collection, index] = path;
  if (typeof collection === 'string' && typeof index === 'number' && NODE_LABEL[collection]) {
    const k = getIn(raw, [collection, index, 'key']);
    const key = typeof k === 'string' ? k : null;
    const name = key ? `'${key}'` : `#${index + 1}`;
    return { label: `${NODE_LABEL[collection]} ${name}: `, key, depth: 2 };
  }
  if (collection === 'report') {
    const k = getIn(raw, ['report', 'key']);
    return { label: 'report: ', key: typeof k === 'string' ? k : null, depth: 1 };
  }
  return { label: '', key: null, depth: 0 };
}

function getIn(value: unknown, path: CasePath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The source offset of the deepest node along `path` (a field's key for map entries). */
function findOffset(doc: Document, path: CasePath): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      if (isScalar(node) || isMap(node) || isSeq(node)) offset = node.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
