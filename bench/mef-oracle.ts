import { XMLParser } from 'fast-xml-parser';

/*
 * An independent judge for the cut sets on which the engine and SCRAM disagree: it reads the MEF
 * model with fast-xml-parser (not the engine's reader) and evaluates a top gate directly, with
 * the events of one set failed and every other basic event not. A set is a minimal cut set when
 * the top fails with it and, the model being coherent, fails with no set one event smaller.
 */
type Element = Record<string, unknown>;

export interface MefOracle {
  /** True when `set` is a minimal cut set of the gate `top` (names as `normalise` gives them). */
  isMinimalCutSet(top: string, set: readonly string[]): boolean;
}

export function readMefOracle(xml: string, normalise: (name: string) => string): MefOracle {
  const document = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    attributeNamePrefix: '',
  }).parse(xml) as Element[];
  const gates = new Map<string, Element>();
  const houseEvents = new Map<string, boolean>();
  const tagOf = (e: Element) => Object.keys(e).find((k) => k !== ':@') ?? '';
  const attribute = (e: Element, name: string) => (e[':@'] as Record<string, string>)[name];
  const nameOf = (e: Element) => normalise(attribute(e, 'name'));
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      const tag = tagOf(e);
      const children = e[tag] as Element[];
      if (tag === 'define-gate') {
        const formula = children.find((c) => !['label', 'attributes'].includes(tagOf(c)));
        if (formula) gates.set(nameOf(e), formula);
      } else if (tag === 'define-house-event') {
        const constant = children.find((c) => tagOf(c) === 'constant');
        houseEvents.set(nameOf(e), constant ? attribute(constant, 'value') === 'true' : false);
      } else if (Array.isArray(children)) {
        walk(children);
      }
    }
  };
  walk(document);

  const evaluate = (formula: Element, failed: ReadonlySet<string>): boolean => {
    const tag = tagOf(formula);
    switch (tag) {
      case 'gate':
        return evaluate(gates.get(nameOf(formula))!, failed);
      case 'basic-event':
        return failed.has(nameOf(formula));
      case 'house-event':
        return houseEvents.get(nameOf(formula)) ?? false;
      case 'constant':
        return attribute(formula, 'value') === 'true';
    }
    const args = (formula[tag] as Element[]).map((a) => evaluate(a, failed));
    if (tag === 'or') return args.some(Boolean);
    if (tag === 'and') return args.every(Boolean);
    if (tag === 'atleast') return args.filter(Boolean).length >= Number(attribute(formula, 'min'));
    throw new Error(`the oracle reads coherent models only, not <${tag}>`);
  };
  const fails = (top: string, set: readonly string[]) => {
    const gate = gates.get(top);
    if (!gate) throw new Error(`no gate '${top}' in the model`);
    return evaluate(gate, new Set(set));
  };
  return {
    isMinimalCutSet: (top, set) =>
      fails(top, set) &&
      set.every(
        (_, i) =>
          !fails(
            top,
            set.filter((__, j) => j !== i),
          ),
      ),
  };
}
