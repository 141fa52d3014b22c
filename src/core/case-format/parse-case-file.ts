import {
  Composer,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import { REQUIRE_ALL, type Case, type CaseScenario, type Requirement } from '../case-model/case';
import type { CaseIssue, CaseIssueCode, CasePath } from '../case-model/case-issue';
import { parseDuration } from '../case-model/duration';
import { validateCase } from '../case-model/validate-case';
import { caseFileSchema, type CaseFile } from './case-file-schema';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS, MAX_NESTING } from './document-limits';
import { readCaseYamlQuickly } from './quick-yaml-read';

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

export { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS, MAX_NESTING } from './document-limits';

/**
 * Parses and validates a case file (YAML or JSON). Every issue names the offending keys and,
 * where it has one, the line. Warnings do not stop the case from being returned.
 *
 * `locateWarnings: false` is for a caller that drops a valid case's warnings (an import): their
 * lines are then left null, as finding a line composes the whole document with yaml (a second
 * for a 1 MB file; the quick read has no source ranges). A case with errors has every issue
 * located.
 */
export function parseCaseFile({
  text,
  locateWarnings = true,
}: {
  readonly text: string;
  readonly locateWarnings?: boolean;
}): ParsedCaseFile {
  const read = readCaseYaml(text);
  if (!read.ok) return { case: null, issues: read.issues };
  const { raw, lineAt } = read;
  const locate = (path: CasePath) => lineAt(findOffset(read.document(), path));

  const parsed = caseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) => describeSchemaIssue(issue, raw));
    return { case: null, issues: issues.map((i) => ({ ...i, line: locate(i.path) })) };
  }

  const c = toCase(parsed.data);
  const found = validateCase({ case: c });
  const valid = !found.some((i) => i.severity === 'error');
  const issues = found.map((i) => ({
    ...i,
    line: valid && !locateWarnings ? null : locate(i.path),
  }));
  return { case: valid ? c : null, issues };
}

export type ReadCaseYaml =
  | {
      readonly ok: true;
      /** The document as plain data. */
      readonly raw: unknown;
      /**
       * The yaml Document, for the source ranges of its nodes. A quick read has none, so it is
       * composed on the first call (well over a second for a 1 MB file) and kept.
       */
      readonly document: () => Document;
      /** The 1-based line of a source offset; like document(), composes it on first use. */
      readonly lineAt: (offset: number | undefined) => number | null;
    }
  | { readonly ok: false; readonly issues: readonly LocatedIssue[] };

/**
 * Reads a case file's YAML, refusing what a case file has no use for and what would exhaust the
 * service: more than MAX_DOCUMENT_BYTES or MAX_DOCUMENT_TOKENS, nesting deeper than MAX_NESTING,
 * syntax errors, repeated mapping keys, custom or unknown tags (`!foo`, `!!js/function`), several
 * documents, and aliases expanding more than MAX_ALIAS_COUNT times (billion laughs). Anything that reads a
 * case file sent by a client goes through here first.
 */
export function readCaseYaml(text: string): ReadCaseYaml {
  // The access check reads an import's document for its report key just before the import
  // reads it again: the answer is kept for that second read, so a large file is parsed once.
  // The answer is read-only data (nothing downstream mutates it), so sharing it is safe. It is
  // kept until that read or for a moment, not longer: a 1 MB file's document is some 20 MB.
  // (A WeakRef was collected between the two reads of a large file.)
  clearTimeout(forgetLastRead);
  if (lastRead?.text === text) {
    const { read } = lastRead;
    lastRead = undefined;
    return read;
  }
  const read = readCaseYamlOnce(text);
  lastRead = { text, read };
  forgetLastRead = setTimeout(() => (lastRead = undefined), KEEP_LAST_READ_MS).unref();
  return read;
}

/** How long readCaseYaml keeps an answer for a second read of the same document. */
export const KEEP_LAST_READ_MS = 1000;
let lastRead: { readonly text: string; readonly read: ReadCaseYaml } | undefined;
let forgetLastRead: ReturnType<typeof setTimeout> | undefined;

function readCaseYamlOnce(text: string): ReadCaseYaml {
  // Too large a document is refused before the quick read would lex it all.
  const quick = utf8Length(text) <= MAX_DOCUMENT_BYTES ? readCaseYamlQuickly(text) : undefined;
  return quick ? quickReadResult(text, quick.raw) : readCaseYamlFully(text);
}

function quickReadResult(text: string, raw: unknown): ReadCaseYaml {
  let composed: { readonly doc: Document; readonly lineCounter: LineCounter } | undefined;
  // The quick read accepted the document, so the full read composes it within every limit.
  const compose = () => {
    if (!composed) {
      const lineCounter = new LineCounter();
      composed = { doc: composeDocument(text, lineCounter), lineCounter };
    }
    return composed;
  };
  return {
    ok: true,
    raw,
    document: () => compose().doc,
    lineAt: (offset) => (offset === undefined ? null : compose().lineCounter.linePos(offset).line),
  };
}

/**
 * The read as it always was: yaml's lexer, parser and composer, each limit checked as it goes.
 * It decides every document the quick read declines. Exported for the tests that compare the two.
 */
export function readCaseYamlFully(text: string): ReadCaseYaml {
  const bytes = utf8Length(text);
  if (bytes > MAX_DOCUMENT_BYTES) {
    return refuse(
      'DOCUMENT_TOO_LARGE',
      `the document is ${bytes} bytes; a case file may be at most ${MAX_DOCUMENT_BYTES} bytes (8 MiB)`,
      null,
    );
  }
  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : lineCounter.linePos(offset).line;

  let doc: Document;
  try {
    doc = composeDocument(text, lineCounter);
  } catch (e) {
    if (e instanceof TooManyTokens) {
      return refuse(
        'DOCUMENT_TOO_LARGE',
        `the document has more than ${MAX_DOCUMENT_TOKENS} YAML tokens; a case file may have at most that many`,
        lineAt(e.offset),
      );
    }
    if (e instanceof TooDeep) {
      return refuse(
        'DOCUMENT_TOO_DEEP',
        `the document nests more than ${MAX_NESTING} levels deep`,
        lineAt(e.offset),
      );
    }
    // The yaml library reports its own failures as errors; anything thrown is unexpected, but a
    // client's document is never worth a 500.
    return refuse('YAML_SYNTAX', e instanceof Error ? e.message : String(e), null);
  }

  // Unknown tags come back as warnings; a case file has no use for them, so they are errors.
  const syntaxIssues = [...doc.errors, ...doc.warnings].map((e): LocatedIssue => ({
    severity: 'error',
    code: 'YAML_SYNTAX',
    message: e.message.split('\n')[0],
    path: [],
    keys: [],
    line: lineAt(e.pos[0]),
  }));
  if (syntaxIssues.length > 0) return { ok: false, issues: syntaxIssues };

  try {
    const raw: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, raw, document: () => doc, lineAt };
  } catch (e) {
    return refuse('YAML_SYNTAX', e instanceof Error ? e.message : String(e), null);
  }
}

function refuse(code: CaseIssueCode, message: string, line: number | null): ReadCaseYaml {
  return { ok: false, issues: [{ severity: 'error', code, message, path: [], keys: [], line }] };
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

class TooManyTokens extends Error {
  constructor(readonly offset: number) {
    super('too many tokens');
  }
}

/**
 * yaml's parseDocument, token by token, so that nesting and size are checked as the parser goes:
 * the parser's stack holds the collections open at the current token.
 */
function composeDocument(text: string, lineCounter: LineCounter): Document {
  const parser = new Parser(lineCounter.addNewLine);
  function* tokens() {
    lineCounter.addNewLine(0);
    let offset = 0;
    let count = 0;
    for (const lexeme of new Lexer().lex(text)) {
      if (++count > MAX_DOCUMENT_TOKENS) throw new TooManyTokens(offset);
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_NESTING) throw new TooDeep(offset);
      offset += lexeme.length;
    }
    yield* parser.end();
  }
  const composer = new Composer({ uniqueKeys: true });
  let doc: Document | null = null;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (!doc) {
      doc = next;
    } else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'a case file is one YAML document; this one has several (---)',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, if only an empty one.
  return doc!;
}

/** The UTF-8 length of a string, without allocating its encoding. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Two bytes below U+0800, three above; a surrogate pair's two units take four together.
    if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 1 : 2;
  }
  return bytes;
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
      ...(file.report.state && file.report.state !== 'draft' ? { state: file.report.state } : {}),
    },
    teams: (file.teams ?? []).map((t) => ({ key: t.key, name: t.name ?? null })),
    pathways: (file.pathways ?? []).map((p) => ({
      key: p.key,
      title: p.title,
      description: p.description ?? null,
      ...(p.restricted ? { restricted: true } : {}),
      ...lineage(p.previousKeys),
      requires: requirement(p.requires),
      supports: p.supports ?? [],
    })),
    claims: (file.claims ?? []).map((c) => ({
      key: c.key,
      statement: c.statement,
      kind: c.kind ?? 'other',
      description: c.description ?? null,
      ...(c.restricted ? { restricted: true } : {}),
      ...lineage(c.previousKeys),
      requires: requirement(c.requires),
      supports: c.supports ?? [],
      assumed: c.assumed ?? false,
    })),
    mitigations: (file.mitigations ?? []).map((m) => ({
      key: m.key,
      title: m.title,
      kind: m.kind ?? 'other',
      description: m.description ?? null,
      ...(m.restricted ? { restricted: true } : {}),
      ...lineage(m.previousKeys),
      team: m.team ?? null,
      status: m.status,
      dependsOn: m.dependsOn ?? [],
      effort: m.effort ?? null,
      ...(typeof m.probability === 'number' ? { probability: m.probability } : {}),
      // The schema has checked the duration: it parses.
      ...(m.verifyEvery ? { verifyEvery: parseDuration(m.verifyEvery)! } : {}),
      ...(m.lastVerified ? { lastVerified: normaliseInstant(m.lastVerified) } : {}),
    })),
    evidence: (file.evidence ?? []).map((e) => ({
      key: e.key,
      title: e.title,
      description: e.description ?? null,
      ...(e.restricted ? { restricted: true } : {}),
      ...lineage(e.previousKeys),
      status: e.status,
      ...(e.validUntil ? { validUntil: normaliseInstant(e.validUntil) } : {}),
      ...(typeof e.probability === 'number' ? { probability: e.probability } : {}),
      ...(e.scope === 'standing' ? { scope: 'standing' as const } : {}),
      ...(typeof e.effort === 'number' ? { effort: e.effort } : {}),
    })),
    // Only when there are any: a case without scenarios is the same model as before them.
    ...(file.scenarios && file.scenarios.length > 0
      ? { scenarios: file.scenarios.map(toScenario) }
      : {}),
  };
}

function toScenario(s: NonNullable<CaseFile['scenarios']>[number]): CaseScenario {
  // The schema has checked every duration, so parseDuration does not return null here.
  const seconds = (text: string) => parseDuration(text)!;
  return {
    key: s.key,
    pathway: s.pathway,
    title: s.title,
    description: s.description ?? null,
    timeToHarm: seconds(s.timeToHarm),
    chains: (s.chains ?? []).map((chain) => ({
      steps: chain.steps.map((step) => ({
        mitigation: step.mitigation,
        ...(typeof step.team === 'string' ? { team: step.team } : {}),
        action: step.action,
        latency: seconds(step.latency),
        ...(step.automatic ? { automatic: true } : {}),
        ...(step.paged ? { paged: true } : {}),
        ...(step.confirmed
          ? {
              confirmed: {
                by: step.confirmed.by,
                at: normaliseInstant(step.confirmed.at),
                note: step.confirmed.note ?? null,
              },
            }
          : {}),
      })),
    })),
  };
}

/** `previousKeys` when there are any: a node without lineage has none in the model either. */
function lineage(keys: readonly string[] | null | undefined): { previousKeys?: string[] } {
  return keys && keys.length > 0 ? { previousKeys: [...keys] } : {};
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
  scenarios: 'scenario',
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
