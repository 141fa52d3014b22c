import {
  FAILSAFE_SCHEMA,
  load as loadWithJsYaml,
  Type as JsYamlType,
  type LoadOptions,
} from 'js-yaml';
import { CST, isScalar, Lexer, Schema, type ScalarTag } from 'yaml';
import { MAX_DOCUMENT_TOKENS, MAX_NESTING } from './document-limits';

/**
 * The document as plain data, read by js-yaml (with the lexer pass below, some four times faster
 * than the full read) when it is plain enough that both libraries read it alike; undefined when
 * it is not, for readCaseYamlFully (parse-case-file.ts) to accept or refuse. It never refuses:
 * every limit and error is the full read's to report.
 */
export function readCaseYamlQuickly(text: string): { readonly raw: unknown } | undefined {
  // Where the two libraries part before any token: yaml refuses tabs that indent (in block
  // scalars and continuation lines too), js-yaml in fewer places; yaml breaks lines only at \n
  // and \r\n, js-yaml at a lone \r too; js-yaml ends the document at a line starting `---#`,
  // yaml reads a plain scalar.
  if (/\t|\r(?!\n)|^(?:---|\.\.\.)/m.test(text) || !hasOnlyQuickTokens(text)) return undefined;
  let raw: unknown;
  try {
    raw = loadWithJsYaml(text, {
      ...QUICK_READ_OPTIONS,
      // Repeated keys throw rather than override.
      json: false,
      onWarning: (warning) => {
        throw warning;
      },
    });
  } catch {
    // A syntax error, a repeated key, too deep: the full read says which, as it always has.
    return undefined;
  }
  // undefined: a document with no content, which yaml reads as null.
  if (raw === undefined || !isTreeWithin(raw, MAX_NESTING - QUICK_READ_NESTING_MARGIN)) {
    return undefined;
  }
  return { raw };
}

/**
 * yaml's parser stack holds the document and the scalar being read besides the open
 * collections: data nesting d collections deep reaches a stack of d + 2 (measured for every shape
 * in parse-case-file.fast-path.spec.ts). One more is spare. So the quick read accepts only what
 * the full read's MAX_NESTING check passes.
 */
export const QUICK_READ_NESTING_MARGIN = 3;

/** Whether `value` nests at most `depth` collections deep, none reached twice (as an alias would). */
function isTreeWithin(value: unknown, depth: number, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth === 0 || seen.has(value)) return false;
  seen.add(value);
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.every((child) => isTreeWithin(child, depth - 1, seen));
}

/**
 * Whether every token of the document is one js-yaml reads as yaml's composer does, in one pass
 * of yaml's lexer. Not: anchors, aliases and tags (the full read limits and refuses them),
 * directives and `---`/`...` (one document only), `?` keys, keys that are flow collections,
 * null (yaml makes the key '', js-yaml 'null'), longer than yaml allows or on several lines (yaml
 * refuses those), flow map entries with no value (`{a, b}`: null again), and the other places
 * noted below where the two libraries part; nor more tokens than the full read allows.
 */
function hasOnlyQuickTokens(text: string): boolean {
  let tokens = 0;
  let scalarSourceFollows = false;
  let blockScalarFollows = false;
  // Whether the last token was a line break or space (or none): yaml refuses a comment after
  // anything else (`"x"#c`).
  let separated = true;
  // The token a `:` would make an implicit key, and the spaces after it on the same line.
  let keySource: string | undefined;
  let keySpaces = 0;
  // `- - - …` nests a level an indicator: a million of them is the full read's to refuse, as
  // too deep, and sooner without this pass lexing them all first.
  let indicatorsOnLine = 0;
  // A `-` with nothing after it on its line: js-yaml reads `-\n  -\n- x` as [[null, 'x']].
  let seqItemMayBeEmpty = false;
  // Whether the document is a collection: as a whole, a block scalar's lines may start at the
  // first column, where yaml reads `# x` as content and js-yaml as a comment.
  let inCollection = false;
  // The open flow collections, and whether the current entry has content and a `:` yet.
  const flow: { readonly map: boolean; content: boolean; value: boolean }[] = [];
  const entryHasContent = () => {
    const entry = flow.at(-1);
    if (entry) entry.content = true;
  };
  for (const lexeme of new Lexer().lex(text)) {
    if (++tokens > MAX_DOCUMENT_TOKENS) return false;
    // A scalar's source follows its marker, whatever it looks like (`...`, `# x` in a block
    // scalar, or ''), so it is not classified.
    const type = scalarSourceFollows ? 'scalar-source' : CST.tokenType(lexeme);
    if (seqItemMayBeEmpty && type !== 'space' && type !== 'comment') {
      if (type === 'newline') return false;
      seqItemMayBeEmpty = false;
    }
    const wasSeparated: boolean = separated;
    separated = false;
    const key: string | undefined = keySource;
    keySource = undefined;
    switch (type) {
      case 'scalar':
        // The marker of a plain or block scalar.
        scalarSourceFollows = true;
        keySource = key;
        separated = wasSeparated;
        break;
      case 'scalar-source':
        if (blockScalarFollows) {
          // A blank line before the content: yaml refuses it when more indented than the
          // content, js-yaml does not.
          if (/^ *\r?\n/.test(lexeme) && /\S/.test(lexeme)) return false;
          // A block scalar's source ends its last line.
          separated = true;
        } else {
          keySource = lexeme;
        }
        keySpaces = 0;
        scalarSourceFollows = blockScalarFollows = false;
        entryHasContent();
        break;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        // `\U` past U+10FFFF: yaml refuses it, js-yaml's 32-bit sum gives some other character.
        if (type === 'double-quoted-scalar' && lexeme.includes('\\U')) return false;
        entryHasContent();
        keySource = lexeme;
        keySpaces = 0;
        break;
      case 'space':
        keySource = key;
        keySpaces += lexeme.length;
        separated = true;
        break;
      case 'block-scalar-header':
        // An explicit indentation (`|2`): yaml counts it from the top level's indentation of 0
        // where js-yaml counts it from -1. Kept final line breaks (`|+`): the two count them
        // differently when the last lines hold only spaces.
        if (/[0-9+]/.test(lexeme) || !inCollection) return false;
        entryHasContent();
        blockScalarFollows = true;
        break;
      case 'map-value-ind':
        if (key === undefined || !isQuickImplicitKey(key, keySpaces)) return false;
        if (flow.length > 0) flow[flow.length - 1].value = true;
        inCollection = true;
        if (++indicatorsOnLine > MAX_NESTING) return false;
        break;
      case 'seq-item-ind':
        if (++indicatorsOnLine > MAX_NESTING) return false;
        seqItemMayBeEmpty = inCollection = true;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        entryHasContent();
        if (flow.length >= MAX_NESTING) return false;
        flow.push({ map: type === 'flow-map-start', content: false, value: false });
        inCollection = true;
        break;
      case 'comma':
      case 'flow-map-end':
      case 'flow-seq-end': {
        const entry = flow.at(-1);
        if (!entry || (entry.map && entry.content && !entry.value)) return false;
        entry.content = entry.value = false;
        if (type !== 'comma') flow.pop();
        break;
      }
      case 'comment':
        if (!wasSeparated) return false;
        break;
      case 'newline':
        indicatorsOnLine = 0;
        separated = true;
        break;
      case 'doc-mode':
        separated = true;
        break;
      // Named in the comment above, but for the byte order mark: yaml refuses `\ufeff- x` (2.9).
      case 'anchor':
      case 'alias':
      case 'tag':
      case 'directive-line':
      case 'doc-start':
      case 'doc-end':
      case 'explicit-key-ind':
      case 'flow-error-end':
      case 'byte-order-mark':
      case null:
        return false;
    }
  }
  return !seqItemMayBeEmpty;
}

/**
 * Whether yaml and js-yaml read a plain or quoted scalar as the same implicit key: on one line,
 * its `:` well within yaml's 1024 characters, and not null.
 */
function isQuickImplicitKey(source: string, spacesBeforeColon: number): boolean {
  if (source.length + spacesBeforeColon > 1000 || source.includes('\n')) return false;
  const quoted = source.startsWith('"') || source.startsWith("'");
  return quoted || !CORE_NULL_TAG.test.test(source);
}

/**
 * js-yaml resolving plain scalars as yaml's core schema (YAML 1.2) does, through yaml's own tags:
 * their tests and conversions, in yaml's order. js-yaml's CORE_SCHEMA differs (`1_000`, `0b1`).
 */
const { YAML_CORE_SCHEMA, CORE_NULL_TAG } = (() => {
  const implicitTags = new Schema({ schema: 'core' }).tags.filter(
    (tag): tag is ScalarTag & { test: RegExp } => tag.default === true && !!tag.test,
  );
  // js-yaml keeps one implicit type a tag (int has three forms, float three), so each type tries
  // that tag's forms in yaml's order; the tags themselves come in yaml's order.
  const tagNames = [...new Set(implicitTags.map((tag) => tag.tag))];
  const types = tagNames.map((name) => {
    const forms = implicitTags.filter((tag) => tag.tag === name);
    return new JsYamlType(name, {
      kind: 'scalar',
      resolve: (source: string) => forms.some((form) => form.test.test(source)),
      construct: (source: string) => {
        const form = forms.find((f) => f.test.test(source))!;
        const value = form.resolve(source, () => {}, { intAsBigInt: false });
        return isScalar(value) ? value.value : value;
      },
    });
  });
  return {
    YAML_CORE_SCHEMA: FAILSAFE_SCHEMA.extend({ implicit: types }),
    CORE_NULL_TAG: implicitTags.find((tag) => tag.tag === 'tag:yaml.org,2002:null')!,
  };
})();

/**
 * js-yaml's options besides the per-call ones. maxDepth (js-yaml 4.1.1 on; @types/js-yaml 4.0.9
 * does not know it): deeper than the full read allows anyway, and js-yaml throws before it
 * recurses further.
 */
const QUICK_READ_OPTIONS: LoadOptions & { readonly maxDepth: number } = {
  schema: YAML_CORE_SCHEMA,
  maxDepth: MAX_NESTING,
};
