import fc from 'fast-check';
import {
  buildAnalysisGraph,
  graphWithStatuses,
  resolveArgument,
  resolveBasicEvents,
} from './case-graph';
import { generateLargeCase } from '../generate-case';
import { makeSpecExampleCase } from '../testing/make-case';
import { caseArb, evidenceStatusArb, mitigationStatusArb } from '../testing/random-case';

describe('buildAnalysisGraph', () => {
  const graph = buildAnalysisGraph({ case: makeSpecExampleCase() });

  it('numbers nodes in key order, whatever their kind', () => {
    expect(graph.keys).toEqual([...graph.keys].sort());
    expect(graph.keys.map((k, n) => graph.nodeByKey.get(k) === n)).not.toContain(false);
    expect(graph.pathways.map((n) => graph.keys[n])).toEqual(['self-exfiltration']);
    expect(graph.evidence.map((n) => graph.keys[n])).toEqual(['alignment-audit']);
  });

  it('numbers basic events (mitigations and evidence) densely, also in key order', () => {
    const eventKeys = graph.nodeOfEvent.map((n) => graph.keys[n]);
    expect(eventKeys).toEqual([
      'alignment-audit',
      'egress-monitor',
      'interp-probes',
      'log-pipeline',
      'weight-file-permissions',
    ]);
    expect(graph.eventCount).toBe(5);
    graph.nodeOfEvent.forEach((n, event) => expect(graph.eventOfNode[n]).toBe(event));
    expect(graph.eventOfNode[graph.nodeByKey.get('self-exfiltration')!]).toBe(-1);
  });

  it('links supports and dependsOn both ways', () => {
    const node = (key: string) => graph.nodeByKey.get(key)!;
    expect(graph.children[node('egress-monitor')]).toEqual([node('log-pipeline')]);
    expect(graph.parents[node('log-pipeline')]).toEqual([node('egress-monitor')]);
    expect(graph.parents[node('egress-monitor')]).toEqual([node('exfil-detected')]);
  });

  it('orders every node after its children, on a large generated case too', () => {
    for (const g of [
      graph,
      buildAnalysisGraph({
        case: generateLargeCase({
          mitigations: 300,
          claims: 800,
          pathways: 10,
          links: 3500,
          seed: 7,
        }),
      }),
    ]) {
      const position = new Map(g.topoOrder.map((n, i) => [n, i]));
      expect(position.size).toBe(g.size);
      g.children.forEach((children, n) =>
        children.forEach((c) => expect(position.get(c)!).toBeLessThan(position.get(n)!)),
      );
    }
  });
});

describe('key resolution', () => {
  const graph = buildAnalysisGraph({ case: makeSpecExampleCase() });

  it('resolves mitigations and evidence without duplicates, in key order', () => {
    const nodes = resolveBasicEvents({
      graph,
      keys: ['log-pipeline', 'alignment-audit', 'log-pipeline'],
    });
    expect(nodes.map((n) => graph.keys[n])).toEqual(['alignment-audit', 'log-pipeline']);
  });

  it('names every unknown key before anything else', () => {
    expect(() =>
      resolveBasicEvents({ graph, keys: ['self-exfiltration', 'nope', 'also-nope'] }),
    ).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_KEY',
        keys: ['also-nope', 'nope'],
        message: "unknown keys: 'also-nope', 'nope'",
      }),
    );
  });

  it('refuses to fail pathways and claims, naming them', () => {
    expect(() => resolveBasicEvents({ graph, keys: ['exfil-detected', 'log-pipeline'] })).toThrow(
      expect.objectContaining({ code: 'NOT_A_BASIC_EVENT', keys: ['exfil-detected'] }),
    );
  });

  it('resolves a pathway or claim, and nothing else, as an argument', () => {
    expect(graph.keys[resolveArgument({ graph, key: 'exfil-detected' })]).toBe('exfil-detected');
    expect(() => resolveArgument({ graph, key: 'log-pipeline' })).toThrow(
      expect.objectContaining({ code: 'NOT_AN_ARGUMENT', keys: ['log-pipeline'] }),
    );
    expect(() => resolveArgument({ graph, key: 'nope' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_KEY' }),
    );
  });
});

describe('graphWithStatuses', () => {
  const statusesArb = fc.record({
    mitigations: fc.array(mitigationStatusArb, { minLength: 8, maxLength: 8 }),
    evidence: fc.array(evidenceStatusArb, { minLength: 8, maxLength: 8 }),
  });

  it('equals the graph built afresh after status changes, sharing the structure', () => {
    fc.assert(
      fc.property(caseArb, statusesArb, (c, statuses) => {
        const graph = buildAnalysisGraph({ case: c });
        const after = {
          ...c,
          mitigations: c.mitigations.map((m, i) => ({ ...m, status: statuses.mitigations[i] })),
          evidence: c.evidence.map((e, i) => ({ ...e, status: statuses.evidence[i] })),
        };
        const carried = graphWithStatuses({ graph, case: after });
        expect(carried).toEqual(buildAnalysisGraph({ case: after }));
        expect(carried.children).toBe(graph.children);
        // The graph it started from is left as it was.
        expect(graph).toEqual(buildAnalysisGraph({ case: c }));
      }),
      { numRuns: 500 },
    );
  });

  it('builds afresh when the mitigations or evidence are not those of the graph', () => {
    const c = makeSpecExampleCase();
    const graph = buildAnalysisGraph({ case: c });
    const renamed = {
      ...c,
      evidence: c.evidence.map((e) => ({ ...e, key: `${e.key}-2` })),
      claims: c.claims.map((cl) => ({
        ...cl,
        supports: cl.supports.map((k) => (k === 'alignment-audit' ? 'alignment-audit-2' : k)),
      })),
    };
    const carried = graphWithStatuses({ graph, case: renamed });
    expect(carried).toEqual(buildAnalysisGraph({ case: renamed }));
    expect(carried.keys).toContain('alignment-audit-2');
  });
});
