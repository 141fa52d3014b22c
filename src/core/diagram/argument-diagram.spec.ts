import { analyseCase, AnalysisError } from '../analysis';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
  makeSpecExampleCase,
} from '../analysis/testing/make-case';
import type { Case } from '../case-model/case';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { buildArgumentDiagram, type ArgumentDiagram } from './argument-diagram';
import { makeScenarioCase } from './testing/scenario-case';

const draw = (c: Case, pathway: string, failed: string[] = [], maxOrder?: number) =>
  buildArgumentDiagram({ case: c, analysis: analyseCase({ case: c, maxOrder }), pathway, failed });

const states = (d: ArgumentDiagram) => Object.fromEntries(d.nodes.map((n) => [n.key, n.state]));
const nodeOf = (d: ArgumentDiagram, key: string) => d.nodes.find((n) => n.key === key)!;

/** Invariants of every diagram: unique nodes, edges between them, everything reached from the root. */
function expectWellFormed(d: ArgumentDiagram): void {
  const keys = d.nodes.map((n) => n.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys[0]).toBe(d.pathway);
  for (const e of d.edges) {
    expect(keys).toContain(e.from);
    expect(keys).toContain(e.to);
  }
  const reached = new Set(d.edges.map((e) => e.to));
  expect(keys.filter((k) => k !== d.pathway && !reached.has(k))).toEqual([]);
}

/*
 * The example case of SPEC §2 (see load-bearing.example-case.spec.ts):
 *   self-exfiltration = all(no-coherent-goals, exfil-detected)                margin 1
 *   no-coherent-goals = any(alignment-audit, interp-probes)   probes planned: margin 1
 *   exfil-detected    = atLeast 1 of (weight-file-permissions, egress-monitor)    margin 2
 *   egress-monitor dependsOn log-pipeline; threat-model-complete (assumed) supports nothing.
 */
describe('buildArgumentDiagram on the SPEC example case', () => {
  const c = makeSpecExampleCase();

  it('takes the pathway, what its supports reach and their dependencies, breadth-first', () => {
    const d = draw(c, 'self-exfiltration');
    expectWellFormed(d);
    expect(d.nodes.map((n) => [n.key, n.kind])).toEqual([
      ['self-exfiltration', 'pathway'],
      ['no-coherent-goals', 'claim'],
      ['exfil-detected', 'claim'],
      ['alignment-audit', 'evidence'],
      ['interp-probes', 'mitigation'],
      ['weight-file-permissions', 'mitigation'],
      ['egress-monitor', 'mitigation'],
      ['log-pipeline', 'mitigation'],
    ]);
    expect(d.edges).toEqual([
      { from: 'self-exfiltration', to: 'no-coherent-goals', kind: 'supports' },
      { from: 'self-exfiltration', to: 'exfil-detected', kind: 'supports' },
      { from: 'no-coherent-goals', to: 'alignment-audit', kind: 'supports' },
      { from: 'no-coherent-goals', to: 'interp-probes', kind: 'supports' },
      { from: 'exfil-detected', to: 'weight-file-permissions', kind: 'supports' },
      { from: 'exfil-detected', to: 'egress-monitor', kind: 'supports' },
      { from: 'egress-monitor', to: 'log-pipeline', kind: 'dependsOn' },
    ]);
    expect(d).toMatchObject({
      report: 'test',
      title: 'self-exfiltration',
      failed: [],
      maxOrder: 4,
    });
  });

  it('gives each argument its rule and margin, each control its status', () => {
    const d = draw(c, 'self-exfiltration');
    expect(nodeOf(d, 'self-exfiltration')).toMatchObject({
      rule: 'all',
      status: null,
      margin: { before: 1, after: 1 },
    });
    expect(nodeOf(d, 'no-coherent-goals').rule).toBe('any');
    expect(nodeOf(d, 'exfil-detected')).toMatchObject({
      rule: '≥1 of 2',
      margin: { before: 2, after: 2 },
    });
    expect(nodeOf(d, 'interp-probes')).toMatchObject({
      rule: null,
      status: 'planned',
      margin: null,
    });
  });

  it.each([
    // No simulation: holds, or not-holding for what did not hold anyway.
    [[], { 'interp-probes': 'not-holding' }],
    // The pipeline takes the egress monitor with it: exfil-detected 2 → 1, the pathway stays at 1.
    [
      ['log-pipeline'],
      {
        'interp-probes': 'not-holding',
        'log-pipeline': 'failed',
        'egress-monitor': 'failed',
        'exfil-detected': 'weakened',
      },
    ],
    // The audit is the only support of an `any` that holds: its claim and the pathway break.
    [
      ['alignment-audit'],
      {
        'interp-probes': 'not-holding',
        'alignment-audit': 'failed',
        'no-coherent-goals': 'broken',
        'self-exfiltration': 'broken',
      },
    ],
    [
      ['weight-file-permissions', 'log-pipeline'],
      {
        'interp-probes': 'not-holding',
        'weight-file-permissions': 'failed',
        'log-pipeline': 'failed',
        'egress-monitor': 'failed',
        'exfil-detected': 'broken',
        'self-exfiltration': 'broken',
      },
    ],
    // Failing what does not hold changes nothing.
    [['interp-probes'], { 'interp-probes': 'not-holding' }],
  ])('failing %j: every other node holds', (failed, expected) => {
    const d = draw(c, 'self-exfiltration', failed);
    const all = Object.fromEntries(d.nodes.map((n) => [n.key, 'holds']));
    expect(states(d)).toEqual({ ...all, ...expected });
    expect(d.failed).toEqual([...failed].sort());
  });

  it('shows margins before and after: 2 → 1 when weakened, → 0 when broken', () => {
    const weakened = draw(c, 'self-exfiltration', ['log-pipeline']);
    expect(nodeOf(weakened, 'exfil-detected').margin).toEqual({ before: 2, after: 1 });
    expect(nodeOf(weakened, 'self-exfiltration').margin).toEqual({ before: 1, after: 1 });
    const broken = draw(c, 'self-exfiltration', ['alignment-audit']);
    expect(nodeOf(broken, 'self-exfiltration').margin).toEqual({ before: 1, after: 0 });
  });

  it('reports margins above maxOrder as null', () => {
    const d = draw(c, 'self-exfiltration', [], 1);
    expect(nodeOf(d, 'exfil-detected').margin).toEqual({ before: null, after: null });
    expect(nodeOf(d, 'self-exfiltration').margin).toEqual({ before: 1, after: 1 });
  });

  it.each([
    ['an unknown pathway', 'nope', [], DomainError, DomainErrorCode.NODE_NOT_FOUND],
    ['a claim as the pathway', 'exfil-detected', [], DomainError, DomainErrorCode.WRONG_NODE_KIND],
    ['an unknown failed key', 'self-exfiltration', ['nope'], AnalysisError, 'UNKNOWN_KEY'],
    [
      'a pathway as a failure',
      'self-exfiltration',
      ['self-exfiltration'],
      AnalysisError,
      'NOT_A_BASIC_EVENT',
    ],
  ])('refuses %s, naming the key', (_name, pathway, failed, type, code) => {
    const run = () => draw(c, pathway, failed);
    expect(run).toThrow(type);
    expect(run).toThrow(expect.objectContaining({ code }));
    expect(run).toThrow(failed[0] ?? pathway);
  });
});

describe('buildArgumentDiagram on small cases', () => {
  it('leaves out what only other pathways reach, and follows dependsOn transitively', () => {
    const c = makeCase({
      pathways: [
        makePathway({ key: 'a', supports: ['shared', 'only-a'] }),
        makePathway({ key: 'b', supports: ['shared', 'only-b'] }),
      ],
      claims: [
        makeClaim({ key: 'shared', supports: ['m1'] }),
        makeClaim({ key: 'only-a', supports: ['e1'] }),
        makeClaim({ key: 'only-b', supports: ['m-b'] }),
        makeClaim({ key: 'stray', assumed: true }),
      ],
      mitigations: [
        makeMitigation({ key: 'm1', dependsOn: ['m2'] }),
        makeMitigation({ key: 'm2', dependsOn: ['m3'] }),
        makeMitigation({ key: 'm3' }),
        makeMitigation({ key: 'm-b' }),
      ],
      evidence: [makeEvidence({ key: 'e1' })],
    });
    const d = draw(c, 'a');
    expectWellFormed(d);
    expect(d.nodes.map((n) => n.key)).toEqual(['a', 'shared', 'only-a', 'm1', 'e1', 'm2', 'm3']);
    expect(d.edges.filter((e) => e.kind === 'dependsOn')).toEqual([
      { from: 'm1', to: 'm2', kind: 'dependsOn' },
      { from: 'm2', to: 'm3', kind: 'dependsOn' },
    ]);
    // A shared node is drawn once, with an edge from each parent.
    const diamond = makeCase({
      pathways: [makePathway({ key: 'p', supports: ['c1', 'c2'] })],
      claims: [
        makeClaim({ key: 'c1', supports: ['m'] }),
        makeClaim({ key: 'c2', supports: ['m'] }),
      ],
      mitigations: [makeMitigation({ key: 'm' })],
    });
    const dd = draw(diamond, 'p');
    expectWellFormed(dd);
    expect(dd.nodes.map((n) => n.key)).toEqual(['p', 'c1', 'c2', 'm']);
    expect(dd.edges.filter((e) => e.to === 'm').map((e) => e.from)).toEqual(['c1', 'c2']);
  });

  it('marks what does not hold before any simulation: statuses, dependencies, rules', () => {
    const c = makeCase({
      pathways: [
        makePathway({
          key: 'p',
          requires: { mode: 'any' },
          supports: ['weak', 'fine', 'assumed', 'undeveloped'],
        }),
      ],
      claims: [
        makeClaim({ key: 'weak', supports: ['dependent', 'stale'] }),
        makeClaim({
          key: 'fine',
          requires: { mode: 'atLeast', atLeast: 2 },
          supports: ['ok', 'e', 'down'],
        }),
        makeClaim({ key: 'assumed', assumed: true }),
        makeClaim({ key: 'undeveloped' }),
      ],
      mitigations: [
        makeMitigation({ key: 'dependent', dependsOn: ['down'] }),
        makeMitigation({ key: 'down', status: 'degraded' }),
        makeMitigation({ key: 'ok' }),
      ],
      evidence: [makeEvidence({ key: 'stale', status: 'stale' }), makeEvidence({ key: 'e' })],
    });
    const d = draw(c, 'p');
    expect(states(d)).toEqual({
      p: 'holds',
      weak: 'not-holding',
      fine: 'holds',
      assumed: 'holds',
      undeveloped: 'not-holding',
      dependent: 'not-holding', // in place, but what it depends on is not
      stale: 'not-holding',
      ok: 'holds',
      e: 'holds',
      down: 'not-holding',
    });
    expect(d.nodes.map((n) => [n.key, n.rule])).toEqual(
      expect.arrayContaining([
        ['p', 'any'],
        ['fine', '≥2 of 3'],
        ['assumed', 'assumed'],
        ['undeveloped', 'undeveloped'],
      ]),
    );
    // Failing `ok` breaks `fine` (2 of 3 needed, `down` already out) but not the `any` pathway.
    const after = states(draw(c, 'p', ['ok']));
    expect(after).toMatchObject({ ok: 'failed', fine: 'broken', p: 'holds', weak: 'not-holding' });
  });
});

/* Scenarios and response chains (SPEC §8): see testing/scenario-case.ts for the arithmetic. */
describe('buildArgumentDiagram with a scenario', () => {
  const c = makeScenarioCase();

  it('draws the scenario, a node per chain, and the mitigations of their steps', () => {
    const d = draw(c, 'self-exfiltration');
    expectWellFormed(d);
    expect(d.nodes.map((n) => [n.key, n.kind])).toEqual([
      ['self-exfiltration', 'pathway'],
      ['exfil-stopped', 'claim'],
      ['weights-copied', 'scenario'],
      ['weights-copied#1', 'chain'],
      ['weights-copied#2', 'chain'],
      ['egress-monitor', 'mitigation'],
      ['security-oncall', 'mitigation'],
      ['weekly-audit', 'mitigation'],
      ['log-pipeline', 'mitigation'],
    ]);
    expect(d.edges).toEqual([
      { from: 'self-exfiltration', to: 'exfil-stopped', kind: 'supports' },
      { from: 'exfil-stopped', to: 'weights-copied', kind: 'supports' },
      { from: 'weights-copied', to: 'weights-copied#1', kind: 'supports' },
      { from: 'weights-copied', to: 'weights-copied#2', kind: 'supports' },
      { from: 'weights-copied#1', to: 'egress-monitor', kind: 'supports' },
      { from: 'weights-copied#1', to: 'security-oncall', kind: 'supports' },
      { from: 'weights-copied#2', to: 'weekly-audit', kind: 'supports' },
      { from: 'egress-monitor', to: 'log-pipeline', kind: 'dependsOn' },
    ]);
  });

  it('gives each chain its steps and its latency against the time to harm, slow ones marked', () => {
    const d = draw(c, 'self-exfiltration');
    expect(nodeOf(d, 'weights-copied')).toMatchObject({
      text: 'The model copies a checkpoint to an external bucket',
      rule: 'any',
      timing: 'time to harm 2h',
      state: 'holds',
      margin: null,
    });
    expect(nodeOf(d, 'weights-copied#1')).toMatchObject({
      text: 'egress-monitor detects (5m) → security-oncall responds (30m)',
      rule: 'all',
      timing: '35m of 2h',
      state: 'holds',
    });
    expect(nodeOf(d, 'weights-copied#2')).toMatchObject({
      timing: 'too slow: 3d of 2h',
      state: 'not-holding',
    });
  });

  it('breaks the chain and the scenario when a step fails, through dependsOn too', () => {
    expect(states(draw(c, 'self-exfiltration', ['log-pipeline']))).toEqual({
      'self-exfiltration': 'broken',
      'exfil-stopped': 'broken',
      'weights-copied': 'broken',
      'weights-copied#1': 'broken',
      'weights-copied#2': 'not-holding',
      'egress-monitor': 'failed',
      'security-oncall': 'holds',
      'weekly-audit': 'holds',
      'log-pipeline': 'failed',
    });
    // The slow chain's monitor failing changes nothing.
    expect(states(draw(c, 'self-exfiltration', ['weekly-audit']))).toMatchObject({
      'weights-copied': 'holds',
      'weights-copied#2': 'not-holding',
      'weekly-audit': 'failed',
    });
  });
});
