import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { araliaDir } from '../../../../test/fixtures/aralia/aralia-dir';
import { parseMefFile } from '../../case-format/mef/parse-mef';
import { hashCutSets } from '../../../../test/fixtures/aralia/cut-set-hash';
import { buildAnalysisGraph } from '../graph/case-graph';
import { computeHolds, readOwnStatus } from '../graph/holding';
import { buildCutSetFamilies, buildFailureDiagrams } from './failure-diagrams';
import { listFamilySets, listNodeCutSets } from './minimal-cut-sets';
import { computeFailureProbability, computeImportance, readEventProbabilities } from './quantify';

/*
 * The engine against SCRAM 0.16 on the Aralia fault trees (test/fixtures/aralia/reference.json,
 * written by write-reference.ts): minimal cut sets to order 4 must be the same sets, and the
 * exact top-event probability and the importance measures agree to SCRAM's printed precision
 * (six significant digits).
 */
interface Reference {
  readonly maxOrder: number;
  readonly models: Record<
    string,
    {
      readonly top: string;
      readonly countsByOrder: readonly number[];
      readonly cutSetsSha256: string;
      readonly probability: number;
      readonly importance: readonly (readonly [string, number, number, number, number, number])[];
    }
  >;
}

const ARALIA = araliaDir();
const reference = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/aralia/reference.json'), 'utf8'),
) as Reference;
// SCRAM prints six significant digits.
const PRINTED_PRECISION = 1e-5;

const closeTo = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= PRINTED_PRECISION * Math.max(Math.abs(expected), 1e-300);

const models = Object.keys(reference.models).filter((m) => existsSync(join(ARALIA, `${m}.xml`)));

describe('Aralia models against SCRAM 0.16', () => {
  it('has the models to compare with', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  it.each(models)('%s: same cut sets to order 4, probability and importance', (model) => {
    const expected = reference.models[model];
    const parsed = parseMefFile({ text: readFileSync(join(ARALIA, `${model}.xml`), 'utf8') });
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const c = parsed.case!;
    const graph = buildAnalysisGraph({ case: c });
    const own = readOwnStatus({ graph });
    const diagrams = buildFailureDiagrams({ graph, own });
    const top = graph.pathways.find(
      (n) => graph.keys[n] === c.pathways.find((p) => p.title === expected.top)?.key,
    );
    expect(top).toBeDefined();
    const node = top!;
    // SCRAM names events by their MEF names: the mitigations' titles.
    const nameOf = new Map(c.mitigations.map((m) => [m.key, m.title]));
    const nameOfEvent = (event: number) => nameOf.get(graph.keys[graph.nodeOfEvent[event]])!;

    const sets = listNodeCutSets({ diagrams, node, maxOrder: reference.maxOrder }).map((s) =>
      s.map(nameOfEvent),
    );
    const counts = Array.from(
      { length: reference.maxOrder },
      (_, i) => sets.filter((s) => s.length === i + 1).length,
    );
    expect(counts).toEqual(expected.countsByOrder);
    expect(hashCutSets(sets)).toBe(expected.cutSetsSha256);
    // The same sets from the ZBDDs built bottom-up without the BDD.
    const families = buildCutSetFamilies({
      graph,
      own,
      maxOrder: reference.maxOrder,
      roots: [node],
    });
    const bottomUp = listFamilySets({
      ...families,
      family: families.family[node],
      toItem: nameOfEvent,
    });
    expect(hashCutSets(bottomUp)).toBe(expected.cutSetsSha256);

    const probabilityByKey = new Map(c.mitigations.map((m) => [m.key, m.probability]));
    const { probabilities } = readEventProbabilities({
      graph,
      holds: computeHolds({ graph, own }),
      probabilityOf: (n) => probabilityByKey.get(graph.keys[n]),
    });
    const { exact } = computeFailureProbability({
      diagrams,
      node,
      probabilities,
      maxOrder: reference.maxOrder,
    });
    expect({ model, exact, close: closeTo(exact, expected.probability) }).toEqual({
      model,
      exact,
      close: true,
    });

    const ours = new Map(
      computeImportance({ diagrams, node, probabilities }).map((i) => [nameOf.get(i.key)!, i]),
    );
    const mismatches = expected.importance.flatMap(([name, mif, cif, dif, raw, rrw]) => {
      const i = ours.get(name);
      const agree =
        i !== undefined &&
        closeTo(i.mif, mif) &&
        closeTo(i.cif, cif) &&
        closeTo(i.dif, dif) &&
        closeTo(i.raw, raw) &&
        closeTo(i.rrw, rrw);
      return agree ? [] : [{ name, scram: [mif, cif, dif, raw, rrw], ours: i }];
    });
    expect(mismatches).toEqual([]);
  });
});
