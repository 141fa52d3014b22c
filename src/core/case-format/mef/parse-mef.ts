import {
  KEY_PATTERN,
  type Case,
  type CaseClaim,
  type CaseEvidence,
  type CaseMitigation,
  type CasePathway,
  type Requirement,
} from '../../case-model/case';
import type { CaseIssueCode } from '../../case-model/case-issue';
import { validateCase } from '../../case-model/validate-case';
import { MAX_DOCUMENT_BYTES } from '../document-limits';
import { readXml, type XmlNode } from './read-xml';
import type { LocatedIssue, ParsedCaseFile } from '../parse-case-file';

/*
 * Open-PSA MEF (SPEC §9) into a Case. A gate is the failure of an argument: top gates (referenced
 * by no gate) become pathways, other gates claims, basic events mitigations. A failure OR fails
 * when any input fails, so its argument requires all supports; an AND is `any`; atleast k of N
 * failures leaves at most k − 1 holding, so it is {atLeast: N − k + 1}. A nested formula becomes a
 * claim of its own (`gate.1`, `gate.2`, …). A house event or constant is a claim with no supports:
 * true (it has occurred) does not hold, false is assumed to hold.
 */

const ATTRIBUTES = ':@';
const NON_COHERENT = new Set(['not', 'xor', 'nand', 'nor', 'iff', 'imply', 'cardinality']);
const FORMULAS = new Set(['and', 'or', 'atleast']);
const REFERENCES = new Set(['gate', 'basic-event', 'house-event', 'event']);
/** Definitions may sit in fault trees, their components, or model data. */
const CONTAINERS = new Set(['define-fault-tree', 'define-component', 'model-data']);
/** Elements that describe a definition without changing its meaning. */
const DESCRIPTIVE = new Set(['label', 'attributes', '#comment', '#text']);

class MefError extends Error {
  constructor(
    readonly code: CaseIssueCode,
    message: string,
    readonly keys: readonly string[],
    readonly line: number | null,
  ) {
    super(message);
  }
}

/** Parses an Open-PSA MEF document into a validated case, with the same answer shape as parseCaseFile. */
export function parseMefFile({ text }: { readonly text: string }): ParsedCaseFile {
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    return refuse(
      new MefError(
        'DOCUMENT_TOO_LARGE',
        `the document is larger than ${MAX_DOCUMENT_BYTES} bytes (8 MiB)`,
        [],
        null,
      ),
    );
  }
  const xml = readXml(text);
  if (!xml.ok) return refuse(new MefError('XML_SYNTAX', xml.message, [], xml.line));
  let c: Case;
  try {
    c = new MefReader(text).read(xml.root);
  } catch (e) {
    if (e instanceof MefError) return refuse(e);
    throw e;
  }
  const issues = validateCase({ case: c }).map((i): LocatedIssue => ({
    ...i,
    line: lineOfName(text, i.keys[0]),
  }));
  return { case: issues.some((i) => i.severity === 'error') ? null : c, issues };
}

function refuse(e: MefError): ParsedCaseFile {
  return {
    case: null,
    issues: [
      { severity: 'error', code: e.code, message: e.message, path: [], keys: e.keys, line: e.line },
    ],
  };
}

const tagOf = (node: XmlNode): string => Object.keys(node).find((k) => k !== ATTRIBUTES)!;
const childrenOf = (node: XmlNode): XmlNode[] => (node[tagOf(node)] as XmlNode[] | undefined) ?? [];
const attribute = (node: XmlNode, name: string): string | undefined =>
  (node[ATTRIBUTES] as Record<string, string> | undefined)?.[name];
const meaningful = (nodes: readonly XmlNode[]) => nodes.filter((n) => !DESCRIPTIVE.has(tagOf(n)));

/** The text of a definition's <label>, if any. */
function labelOf(node: XmlNode): string | undefined {
  const label = childrenOf(node).find((n) => tagOf(n) === 'label');
  if (!label) return undefined;
  const text = childrenOf(label)
    .map((n) => n['#text'])
    .filter((t) => typeof t === 'string' || typeof t === 'number')
    .join('')
    .trim();
  return text === '' ? undefined : text;
}

/** The value of `<attributes><attribute name=… value=…/></attributes>` on a definition. */
function attributeValue(node: XmlNode, name: string): string | undefined {
  const attributes = childrenOf(node).find((n) => tagOf(n) === 'attributes');
  const entry = attributes && childrenOf(attributes).find((a) => attribute(a, 'name') === name);
  return entry && attribute(entry, 'value');
}

/** The case key exportMefFile recorded, when it is a valid key. */
function keyAttribute(node: XmlNode): string | undefined {
  const key = attributeValue(node, 'key');
  return key !== undefined && KEY_PATTERN.test(key) ? key : undefined;
}

const kindAttribute = (node: XmlNode) => attributeValue(node, 'kind');

const failedMitigation = (key: string, title: string): CaseMitigation => ({
  key,
  title,
  kind: 'other',
  description: null,
  team: null,
  status: 'failed',
  dependsOn: [],
  effort: null,
});

/** The 1-based line of the definition named `name` (else of its first mention), or null. */
function lineOfName(text: string, name: string | undefined): number | null {
  if (name === undefined) return null;
  const quoted = `name="${name}"`;
  const definition = new RegExp(
    `<define-[a-z-]+\\s+${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
  );
  const match = definition.exec(text);
  const at = match ? match.index : text.indexOf(quoted);
  if (at < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A gate's argument; `constant` when its formula is a constant (true: it has failed). */
interface GateArgument {
  readonly requires: Requirement;
  readonly supports: readonly string[];
  readonly constant?: boolean;
}

class MefReader {
  private readonly gates = new Map<string, XmlNode>();
  private readonly basicEvents = new Map<string, XmlNode>();
  private readonly houseEvents = new Map<string, XmlNode>();
  private readonly parameters = new Map<string, XmlNode>();
  private readonly keyOfName = new Map<string, string>();
  private readonly usedKeys = new Set<string>();
  private readonly claims: CaseClaim[] = [];
  private readonly referencedGates = new Set<string>();
  private readonly usedHouseEvents = new Set<string>();
  private reportName = 'mef-model';
  /** The first fault tree: it names the report. */
  private faultTree: XmlNode | undefined;

  constructor(private readonly text: string) {}

  read(root: XmlNode): Case {
    if (tagOf(root) !== 'opsa-mef') {
      throw this.error('XML_SYNTAX', `the root element is <${tagOf(root)}>, not <opsa-mef>`, []);
    }
    this.reportName = attribute(root, 'name') ?? this.reportName;
    this.collect(childrenOf(root));

    // Keys written by exportMefFile come first, then names that are keys already, so that
    // generated keys never take them.
    const tables = [this.gates, this.basicEvents, this.houseEvents];
    const claimKey = (name: string, key: string | undefined) => {
      if (key !== undefined && !this.usedKeys.has(key) && !this.keyOfName.has(name)) {
        this.usedKeys.add(key);
        this.keyOfName.set(name, key);
      }
    };
    for (const table of tables) {
      for (const [name, node] of table) claimKey(name, keyAttribute(node));
    }
    for (const table of tables) {
      for (const name of table.keys()) claimKey(name, KEY_PATTERN.test(name) ? name : undefined);
    }
    for (const name of [...this.gates.keys(), ...this.basicEvents.keys()]) this.keyFor(name);
    for (const name of this.houseEvents.keys()) this.keyFor(name);

    const gateArguments = new Map<string, GateArgument>();
    for (const [name, gate] of this.gates) {
      gateArguments.set(name, this.readGate(name, gate));
    }
    const pathways: CasePathway[] = [];
    const gateClaims: CaseClaim[] = [];
    for (const [name, argument] of gateArguments) {
      const key = this.keyFor(name);
      const title = labelOf(this.gates.get(name)!) ?? name;
      const { requires, supports, constant } = argument;
      if (this.referencedGates.has(name)) {
        gateClaims.push(claim(key, title, requires, supports, constant === false));
      } else if (constant === false) {
        // A pathway cannot be assumed: it rests on an assumed claim instead.
        const assumedKey = this.keyFor(`${name}.1`);
        this.claims.push(constantClaim(assumedKey, `${title}.1`, false));
        pathways.push({ key, title, description: null, requires, supports: [assumedKey] });
      } else {
        pathways.push({ key, title, description: null, requires, supports });
      }
    }
    const mitigations: CaseMitigation[] = [];
    const evidence: CaseEvidence[] = [];
    for (const [name, event] of this.basicEvents) {
      const item = this.readBasicEvent(name, event);
      if (kindAttribute(event) === 'evidence') {
        const { key, title, description, probability } = item;
        evidence.push({
          key,
          title,
          description,
          status: 'valid',
          ...(probability === undefined ? {} : { probability }),
        });
      } else {
        mitigations.push(item);
      }
    }
    const houseClaims: CaseClaim[] = [];
    for (const [name, event] of this.houseEvents) {
      if (!this.usedHouseEvents.has(name)) continue;
      const occurs = this.readHouseEvent(name, event);
      const key = this.keyFor(name);
      const title = labelOf(event) ?? name;
      // exportMefFile writes an item that does not hold now as a house event set to true.
      const kind = kindAttribute(event);
      if (occurs && kind === 'mitigation') {
        mitigations.push(failedMitigation(key, title));
      } else if (occurs && kind === 'evidence') {
        evidence.push({ key, title, description: null, status: 'invalidated' });
      } else {
        houseClaims.push(constantClaim(key, title, occurs));
      }
    }

    const name = (this.faultTree && attribute(this.faultTree, 'name')) ?? this.reportName;
    return {
      report: {
        key: (this.faultTree && keyAttribute(this.faultTree)) ?? this.keyFor(name, false),
        title: (this.faultTree && labelOf(this.faultTree)) ?? name,
        model: null,
        previous: null,
        description: null,
      },
      teams: [],
      pathways,
      claims: [...gateClaims, ...this.claims, ...houseClaims],
      mitigations,
      evidence,
    };
  }

  /** Indexes every definition, walking fault trees, components and model data. */
  private collect(nodes: readonly XmlNode[]): void {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (CONTAINERS.has(tag)) {
        if (tag === 'define-fault-tree' && !this.faultTree) this.faultTree = node;
        this.collect(childrenOf(node));
        continue;
      }
      const table = {
        'define-gate': this.gates,
        'define-basic-event': this.basicEvents,
        'define-house-event': this.houseEvents,
        'define-parameter': this.parameters,
      }[tag];
      if (!table) continue;
      const name = attribute(node, 'name');
      if (name === undefined) throw this.error('XML_SYNTAX', `<${tag}> has no name`, []);
      if (table.has(name)) {
        throw this.error('DUPLICATE_KEY', `'${name}' is defined twice (<${tag}>)`, [name]);
      }
      table.set(name, node);
    }
  }

  private readGate(name: string, gate: XmlNode): GateArgument {
    const body = meaningful(childrenOf(gate));
    if (body.length !== 1) {
      throw this.error(
        'UNSUPPORTED_MEF',
        `gate '${name}' must have exactly one formula, found ${body.length}`,
        [name],
      );
    }
    // A constant gate is an argument with no supports (see constantClaim).
    if (tagOf(body[0]) === 'constant') {
      return { requires: { mode: 'all' }, supports: [], constant: this.readBoolean(name, body[0]) };
    }
    return this.readFormula(name, body[0], { next: 1 });
  }

  /** A formula as an argument's requirement and supports; nested formulas become claims. */
  private readFormula(
    gate: string,
    formula: XmlNode,
    counter: { next: number },
  ): { requires: Requirement; supports: string[] } {
    const tag = tagOf(formula);
    if (!FORMULAS.has(tag)) {
      return { requires: { mode: 'all' }, supports: [this.readArgument(gate, formula, counter)] };
    }
    const args = meaningful(childrenOf(formula));
    const supports = args.map((arg) => this.readArgument(gate, arg, counter));
    if (tag === 'or') return { requires: { mode: 'all' }, supports };
    if (tag === 'and') return { requires: { mode: 'any' }, supports };
    const min = Number(attribute(formula, 'min'));
    if (!Number.isInteger(min) || min < 1 || min > supports.length) {
      throw this.error(
        'UNSUPPORTED_MEF',
        `gate '${gate}': atleast needs an integer min from 1 to its ${supports.length} arguments, got '${attribute(formula, 'min') ?? ''}'`,
        [gate],
      );
    }
    return { requires: { mode: 'atLeast', atLeast: supports.length - min + 1 }, supports };
  }

  /** The key of the support an argument of a formula stands for. */
  private readArgument(gate: string, arg: XmlNode, counter: { next: number }): string {
    const tag = tagOf(arg);
    if (NON_COHERENT.has(tag)) {
      throw this.error(
        'UNSUPPORTED_MEF',
        `gate '${gate}' uses <${tag}>, which is not coherent; a case is a coherent fault tree (SPEC §9)`,
        [gate],
      );
    }
    if (FORMULAS.has(tag)) {
      const nested = this.readFormula(gate, arg, counter);
      const title = `${gate}.${counter.next++}`;
      const key = this.keyFor(title);
      this.claims.push(claim(key, title, nested.requires, nested.supports, false));
      return key;
    }
    if (tag === 'constant') {
      const value = this.readBoolean(gate, arg);
      const title = `${gate}.${counter.next++}`;
      const key = this.keyFor(title);
      this.claims.push(constantClaim(key, title, value));
      return key;
    }
    if (!REFERENCES.has(tag)) {
      throw this.error('UNSUPPORTED_MEF', `gate '${gate}' uses <${tag}>, which is not supported`, [
        gate,
      ]);
    }
    const name = attribute(arg, 'name');
    if (name === undefined) {
      throw this.error('XML_SYNTAX', `gate '${gate}': <${tag}> has no name`, [gate]);
    }
    const kind = tag === 'event' ? this.kindOf(name) : tag;
    const table =
      kind === 'gate' ? this.gates : kind === 'basic-event' ? this.basicEvents : this.houseEvents;
    if (!table.has(name)) {
      throw this.error(
        'UNKNOWN_REFERENCE',
        `gate '${gate}' refers to ${kind ?? 'event'} '${name}', which is not defined`,
        [gate, name],
      );
    }
    if (kind === 'gate') this.referencedGates.add(name);
    if (kind === 'house-event') this.usedHouseEvents.add(name);
    return this.keyFor(name);
  }

  private kindOf(name: string): string | undefined {
    if (this.gates.has(name)) return 'gate';
    if (this.basicEvents.has(name)) return 'basic-event';
    if (this.houseEvents.has(name)) return 'house-event';
    return undefined;
  }

  private readBasicEvent(name: string, event: XmlNode): CaseMitigation {
    const body = meaningful(childrenOf(event));
    const probability = body.length === 0 ? undefined : this.readNumber(name, body[0], new Set());
    if (probability !== undefined && !(probability >= 0 && probability <= 1)) {
      throw this.error(
        'INVALID_FIELD',
        `basic event '${name}': probability ${probability} is not from 0 to 1`,
        [name],
      );
    }
    return {
      key: this.keyFor(name),
      title: labelOf(event) ?? name,
      kind: 'other',
      description: null,
      team: null,
      status: 'in_place',
      dependsOn: [],
      effort: null,
      ...(probability === undefined ? {} : { probability }),
    };
  }

  /** A float, or a parameter that is (through other parameters) a float. */
  private readNumber(owner: string, expression: XmlNode, seen: Set<string>): number {
    const tag = tagOf(expression);
    if (tag === 'float' || tag === 'int') {
      const value = Number(attribute(expression, 'value'));
      if (Number.isFinite(value)) return value;
    } else if (tag === 'parameter') {
      const name = attribute(expression, 'name') ?? '';
      const parameter = this.parameters.get(name);
      if (!parameter) {
        throw this.error(
          'UNKNOWN_REFERENCE',
          `'${owner}' refers to parameter '${name}', which is not defined`,
          [owner, name],
        );
      }
      if (seen.has(name)) throw this.error('CYCLE', `parameter '${name}' refers to itself`, [name]);
      const body = meaningful(childrenOf(parameter));
      if (body.length === 1) return this.readNumber(name, body[0], new Set([...seen, name]));
    }
    throw this.error(
      'UNSUPPORTED_MEF',
      `'${owner}': only a <float> value or a <parameter> holding one is supported as a probability, found <${tag}>`,
      [owner],
    );
  }

  private readHouseEvent(name: string, event: XmlNode): boolean {
    const body = meaningful(childrenOf(event));
    return body.length === 0 ? false : this.readBoolean(name, body[0]);
  }

  private readBoolean(owner: string, constant: XmlNode): boolean {
    const value = attribute(constant, 'value');
    if (tagOf(constant) !== 'constant' || (value !== 'true' && value !== 'false')) {
      throw this.error('UNSUPPORTED_MEF', `'${owner}': expected <constant value="true|false"/>`, [
        owner,
      ]);
    }
    return value === 'true';
  }

  /** A key for a MEF name: lower case, other characters as '-', unique. */
  private keyFor(name: string, remember = true): string {
    const known = this.keyOfName.get(name);
    if (known !== undefined) return known;
    let base = name
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '-')
      .slice(0, 72);
    if (!KEY_PATTERN.test(base)) base = `x${base}`.slice(0, 72);
    let key = base;
    for (let n = 2; this.usedKeys.has(key); n++) key = `${base}-${n}`;
    if (remember) {
      this.usedKeys.add(key);
      this.keyOfName.set(name, key);
    }
    return key;
  }

  private error(code: CaseIssueCode, message: string, keys: readonly string[]): MefError {
    return new MefError(code, message, keys, lineOfName(this.text, keys[0]));
  }
}

const claim = (
  key: string,
  title: string,
  requires: Requirement,
  supports: readonly string[],
  assumed: boolean,
): CaseClaim => ({
  key,
  statement: title,
  kind: 'other',
  description: null,
  requires,
  supports,
  assumed,
});

/** A constant failure: true has occurred (never holds), false never occurs (assumed to hold). */
const constantClaim = (key: string, title: string, occurs: boolean): CaseClaim =>
  claim(key, title, { mode: 'all' }, [], !occurs);
