import fc from 'fast-check';
import type { Case } from '../../case-model/case';
import { caseArb } from '../../analysis/testing/random-case';
import { listCaseNodes } from '../lineage';

/** Helpers for the iteration specs: the next report of a case, built by hand or at random. */

/**
 * `c` with every pathway, claim, mitigation and evidence key renamed by `rename`, every
 * reference (supports, dependsOn) rewritten, and each node's lineage set to `[old key]`. The
 * report iterates on `c`: a new key, `previous` naming `c`'s key.
 */
export function renameEveryNode(c: Case, rename: (key: string) => string, reportKey: string): Case {
  const lineage = (key: string) => ({ key: rename(key), previousKeys: [key] });
  const refs = (keys: readonly string[]) => keys.map(rename);
  return {
    ...c,
    report: { ...c.report, key: reportKey, previous: c.report.key },
    pathways: c.pathways.map((p) => ({ ...p, ...lineage(p.key), supports: refs(p.supports) })),
    claims: c.claims.map((cl) => ({ ...cl, ...lineage(cl.key), supports: refs(cl.supports) })),
    mitigations: c.mitigations.map((m) => ({
      ...m,
      ...lineage(m.key),
      dependsOn: refs(m.dependsOn),
    })),
    evidence: c.evidence.map((e) => ({ ...e, ...lineage(e.key) })),
  };
}

/**
 * A key for every node of `c` that no node of `c` has (nor the report key), so that a rename
 * never lands on a kept key. Deterministic, valid under KEY_PATTERN.
 */
export function freshKeysFor(c: Case): (key: string) => string {
  const taken = new Set([c.report.key, ...listCaseNodes(c).map((n) => n.key)]);
  const fresh = new Map<string, string>();
  let next = 0;
  for (const { key } of listCaseNodes(c)) {
    let candidate: string;
    do candidate = `renamed-${next++}`;
    while (taken.has(candidate));
    fresh.set(key, candidate);
  }
  return (key) => fresh.get(key) ?? key;
}

/**
 * Two random small cases over one pool of keys (so many keys are shared), the second with
 * random lineage: each node names some keys of the first and, now and then, a key the first
 * lacks. The first may carry lineage of its own (matching must ignore it).
 */
export const lineagePairArb: fc.Arbitrary<{ from: Case; to: Case }> = fc
  .tuple(caseArb, caseArb)
  .chain(([from, to]) => {
    const pool = [...listCaseNodes(from).map((n) => n.key), 'ghost', 'k99'];
    const nodeCount = listCaseNodes(to).length;
    const lineages = fc.array(
      fc.option(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
        freq: 2,
      }),
      { minLength: nodeCount, maxLength: nodeCount },
    );
    const ownLineage = fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 2 });
    return fc.tuple(lineages, ownLineage).map(([lists, own]) => {
      let at = 0;
      const withLineage = <T extends object>(node: T): T => {
        const previousKeys = lists[at++];
        return previousKeys === undefined ? node : { ...node, previousKeys };
      };
      const next: Case = {
        ...to,
        report: { ...to.report, key: 'next', previous: from.report.key },
        pathways: to.pathways.map(withLineage),
        claims: to.claims.map(withLineage),
        mitigations: to.mitigations.map(withLineage),
        evidence: to.evidence.map(withLineage),
      };
      const previous: Case =
        own.length === 0 || from.claims.length === 0
          ? from
          : { ...from, claims: from.claims.map((cl) => ({ ...cl, previousKeys: own })) };
      return { from: previous, to: next };
    });
  });
