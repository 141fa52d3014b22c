import fc from 'fast-check';
import { EVIDENCE_STATUSES, MITIGATION_STATUSES, type Case } from '../case-model/case';
import { arbitraryCase } from '../case-model/testing/case.arbitrary';
import { bruteAnalyse } from '../analysis/testing/brute-force';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
  makeScenario,
  makeSpecExampleCase,
} from '../analysis/testing/make-case';
import { caseArb, maxOrderArb, scenarioCaseArb } from '../analysis/testing/random-case';
import { diffCases, type CaseDiff, type RoadmapEntry } from './diff-reports';
import { formatCaseDiff } from './format-iteration';
import { listCaseNodes } from './lineage';
import { freshKeysFor, renameEveryNode } from './testing/iteration-cases';

/*
 * SPEC §6 diffReports. The hand-built scenario is the SPEC §2 example (see
 * load-bearing.example-case.spec.ts for its cut sets):
 *   self-exfiltration = all(no-coherent-goals, exfil-detected)             margin 1: {audit}
 *   no-coherent-goals = any(alignment-audit, interp-probes (planned))      margin 1: {audit}
 *   exfil-detected    = atLeast 1 of (weight-file-permissions, egress-monitor → log-pipeline)
 *                       cut sets {perms, egress}, {perms, pipeline}: margin 2
 * The next report renames exfil-detected to exfiltration-detected and its file permissions fail.
 */

const specExample = makeSpecExampleCase();

/** The next report: `edit` applied to the SPEC example, then exfil-detected renamed. */
function nextOf(edit: (c: Case) => Case = (c) => c): Case {
  const c = edit(specExample);
  const rename = (k: string) => (k === 'exfil-detected' ? 'exfiltration-detected' : k);
  return {
    ...c,
    report: { ...c.report, key: 'model-5', previous: specExample.report.key },
    pathways: c.pathways.map((p) => ({ ...p, supports: p.supports.map(rename) })),
    claims: c.claims.map((cl) =>
      cl.key === 'exfil-detected'
        ? { ...cl, key: 'exfiltration-detected', previousKeys: ['exfil-detected'] }
        : cl,
    ),
  };
}

const setStatus =
  (statuses: Record<string, string>) =>
  (c: Case): Case => ({
    ...c,
    mitigations: c.mitigations.map((m) =>
      m.key in statuses ? { ...m, status: statuses[m.key] as typeof m.status } : m,
    ),
    evidence: c.evidence.map((e) =>
      e.key in statuses ? { ...e, status: statuses[e.key] as typeof e.status } : e,
    ),
  });

const isEmpty = (d: CaseDiff) => {
  expect(d.summary).toEqual({ regressions: [], structuralChanges: 0, argumentsChanged: 0 });
  expect(d.structure).toEqual({
    report: [],
    teams: { added: [], removed: [], changed: [] },
    added: [],
    removed: [],
    renamed: [],
    splits: [],
    merges: [],
    changed: [],
    links: { added: [], removed: [] },
  });
  const noScenarioChange = { added: [], removed: [], changed: [] };
  expect(d.scenarios ?? noScenarioChange).toEqual(noScenarioChange);
  expect(d.analysis.loadBearing).toEqual({ appeared: [], disappeared: [] });
  expect(d.analysis.roadmap.after).toEqual(d.analysis.roadmap.before);
};

describe('diffCases: a mitigation fails in the next report', () => {
  it('the file permissions fail: exfiltration-detected (renamed) loses margin 2 → 1', () => {
    const next = nextOf((c) => ({
      ...setStatus({ 'weight-file-permissions': 'failed' })(c),
      mitigations: setStatus({ 'weight-file-permissions': 'failed' })(c).mitigations.map((m) =>
        m.key === 'log-pipeline' ? { ...m, title: 'Central log pipeline' } : m,
      ),
    }));
    const d = diffCases(specExample, next);
    expect(d.from).toBe('test');
    expect(d.to).toBe('model-5');
    expect(d.summary.regressions).toEqual([
      {
        key: 'exfiltration-detected',
        previousKey: 'exfil-detected',
        kind: 'claim',
        reason: 'marginDecreased',
        before: { holds: true, margin: 2 },
        after: { holds: true, margin: 1 },
      },
    ]);
    expect(d.structure).toEqual({
      report: [{ field: 'previous', before: null, after: 'test' }],
      teams: { added: [], removed: [], changed: [] },
      added: [],
      removed: [],
      renamed: [{ from: 'exfil-detected', to: 'exfiltration-detected', kind: 'claim' }],
      splits: [],
      merges: [],
      changed: [
        {
          key: 'log-pipeline',
          previousKey: 'log-pipeline',
          kind: 'mitigation',
          changes: [{ field: 'title', before: 'log-pipeline', after: 'Central log pipeline' }],
        },
        {
          key: 'weight-file-permissions',
          previousKey: 'weight-file-permissions',
          kind: 'mitigation',
          changes: [{ field: 'status', before: 'in_place', after: 'failed' }],
        },
      ],
      // The pathway's support of the renamed claim is the same link under its new key.
      links: { added: [], removed: [] },
    });
    expect(d.analysis.arguments).toEqual([
      {
        key: 'exfiltration-detected',
        previousKey: 'exfil-detected',
        kind: 'claim',
        before: { holds: true, margin: 2 },
        after: { holds: true, margin: 1 },
      },
      {
        key: 'no-coherent-goals',
        previousKey: 'no-coherent-goals',
        kind: 'claim',
        before: { holds: true, margin: 1 },
        after: { holds: true, margin: 1 },
      },
      {
        key: 'self-exfiltration',
        previousKey: 'self-exfiltration',
        kind: 'pathway',
        before: { holds: true, margin: 1 },
        after: { holds: true, margin: 1 },
      },
      {
        key: 'threat-model-complete',
        previousKey: 'threat-model-complete',
        kind: 'claim',
        before: { holds: true, margin: null },
        after: { holds: true, margin: null },
      },
    ]);
    // Without the permissions, the egress monitor and its pipeline carry exfiltration-detected
    // and the pathway on their own: {egress}, {pipeline}.
    expect(d.analysis.loadBearing).toEqual({
      appeared: [
        { argument: 'exfiltration-detected', loadBearing: 'egress-monitor' },
        { argument: 'exfiltration-detected', loadBearing: 'log-pipeline' },
        { argument: 'self-exfiltration', loadBearing: 'egress-monitor' },
        { argument: 'self-exfiltration', loadBearing: 'log-pipeline' },
      ],
      disappeared: [],
    });
    // The probes strengthened no-coherent-goals and the pathway (to margin 2); now the pathway
    // has single points of failure besides the audit, so only the claim.
    expect(d.analysis.roadmap).toEqual({
      before: [{ rank: 1, key: 'interp-probes', argumentsStrengthened: 2, cost: 8 }],
      after: [{ rank: 1, key: 'interp-probes', argumentsStrengthened: 1, cost: 8 }],
    });
    expect(d.summary.structuralChanges).toBe(4);
    expect(d.summary.argumentsChanged).toBe(1);
  });

  it('the audit is invalidated too: the claim and the pathway lose holding', () => {
    const next = nextOf(
      setStatus({ 'weight-file-permissions': 'failed', 'alignment-audit': 'invalidated' }),
    );
    const d = diffCases(specExample, next);
    expect(d.summary.regressions.map((r) => [r.key, r.reason, r.before, r.after])).toEqual([
      [
        'exfiltration-detected',
        'marginDecreased',
        { holds: true, margin: 2 },
        { holds: true, margin: 1 },
      ],
      ['no-coherent-goals', 'lostHolding', { holds: true, margin: 1 }, { holds: false, margin: 0 }],
      ['self-exfiltration', 'lostHolding', { holds: true, margin: 1 }, { holds: false, margin: 0 }],
    ]);
    // A pathway that does not hold has no load-bearing items.
    expect(d.analysis.loadBearing).toEqual({
      appeared: [
        { argument: 'exfiltration-detected', loadBearing: 'egress-monitor' },
        { argument: 'exfiltration-detected', loadBearing: 'log-pipeline' },
      ],
      disappeared: [
        { argument: 'no-coherent-goals', loadBearing: 'alignment-audit' },
        { argument: 'self-exfiltration', loadBearing: 'alignment-audit' },
      ],
    });
    expect(d.summary.argumentsChanged).toBe(3);
  });

  it('a margin above maxOrder falling to maxOrder is a regression; staying above it is not', () => {
    // exfil-detected has margin 2: at maxOrder 1 it is reported as null (> 1).
    const wider = (c: Case): Case => ({
      ...c,
      mitigations: [...c.mitigations, makeMitigation({ key: 'badge-readers' })],
      claims: c.claims.map((cl) =>
        cl.key === 'exfil-detected' ? { ...cl, supports: [...cl.supports, 'badge-readers'] } : cl,
      ),
    });
    const before = wider(specExample);
    // Three ways to detect (margin 3) down to two (margin 2): above maxOrder 1 both times.
    const fewer = setStatus({ 'badge-readers': 'retired' })(before);
    expect(diffCases(before, fewer, { maxOrder: 1 }).summary.regressions).toEqual([]);
    expect(diffCases(before, fewer, { maxOrder: 2 }).summary.regressions).toEqual([
      {
        key: 'exfil-detected',
        previousKey: 'exfil-detected',
        kind: 'claim',
        reason: 'marginDecreased',
        before: { holds: true, margin: null },
        after: { holds: true, margin: 2 },
      },
    ]);
    expect(diffCases(before, fewer, { maxOrder: 2 }).analysis.maxOrder).toBe(2);
  });

  it('a regression only counts one-to-one: a removed or split argument is structural', () => {
    // exfil-detected split into two new claims, one of which does not hold.
    const split: Case = {
      ...specExample,
      pathways: [
        makePathway({ key: 'self-exfiltration', supports: ['no-coherent-goals', 'ed-a'] }),
      ],
      claims: [
        ...specExample.claims.filter((cl) => cl.key !== 'exfil-detected'),
        makeClaim({ key: 'ed-a', supports: ['egress-monitor'], previousKeys: ['exfil-detected'] }),
        makeClaim({ key: 'ed-b', supports: ['interp-probes'], previousKeys: ['exfil-detected'] }),
      ],
    };
    const d = diffCases(specExample, {
      ...split,
      report: { ...split.report, key: 'n', previous: 'test' },
    });
    expect(d.structure.splits).toEqual([{ from: 'exfil-detected', into: ['ed-a', 'ed-b'] }]);
    expect(d.summary.regressions).toEqual([]);
    expect(d.analysis.arguments.filter((a) => a.key === null || a.previousKey === null)).toEqual([
      {
        key: 'ed-a',
        previousKey: null,
        kind: 'claim',
        before: null,
        after: { holds: true, margin: 1 },
      },
      {
        key: 'ed-b',
        previousKey: null,
        kind: 'claim',
        before: null,
        after: { holds: false, margin: 0 },
      },
      {
        key: null,
        previousKey: 'exfil-detected',
        kind: 'claim',
        before: { holds: true, margin: 2 },
        after: null,
      },
    ]);
    // Links of the split node stand for links of both parts.
    expect(d.structure.links).toEqual({
      added: [{ node: 'ed-b', relation: 'supports', target: 'interp-probes' }],
      removed: [
        { node: 'ed-a', relation: 'supports', target: 'weight-file-permissions' },
        { node: 'ed-b', relation: 'supports', target: 'egress-monitor' },
        { node: 'ed-b', relation: 'supports', target: 'weight-file-permissions' },
        { node: 'self-exfiltration', relation: 'supports', target: 'ed-b' },
      ],
    });
  });
});

describe('diffCases: field changes, with before and after', () => {
  const base = makeCase({
    teams: [
      { key: 'infra', name: 'Infra' },
      { key: 'security', name: 'Security' },
    ],
    pathways: [makePathway({ key: 'p', supports: ['c', 'm'] })],
    claims: [makeClaim({ key: 'c', supports: ['e'], kind: 'alignment' })],
    mitigations: [makeMitigation({ key: 'm', team: 'infra' })],
    evidence: [makeEvidence({ key: 'e' })],
  });

  it.each<[string, Partial<Case>, Partial<CaseDiff['structure']>]>([
    [
      'pathway requires and description',
      {
        pathways: [
          makePathway({
            key: 'p',
            supports: ['c', 'm'],
            requires: { mode: 'atLeast', atLeast: 1 },
            description: 'why',
          }),
        ],
      },
      {
        changed: [
          {
            key: 'p',
            previousKey: 'p',
            kind: 'pathway',
            changes: [
              { field: 'description', before: null, after: 'why' },
              { field: 'requires', before: 'all', after: 'atLeast 1' },
            ],
          },
        ],
      },
    ],
    [
      'claim statement, kind, assumed, restricted',
      {
        claims: [
          makeClaim({
            key: 'c',
            supports: ['e'],
            kind: 'monitoring',
            statement: 'S',
            assumed: true,
            restricted: true,
          }),
        ],
      },
      {
        changed: [
          {
            key: 'c',
            previousKey: 'c',
            kind: 'claim',
            changes: [
              { field: 'statement', before: 'c', after: 'S' },
              { field: 'kind', before: 'alignment', after: 'monitoring' },
              { field: 'restricted', before: false, after: true },
              { field: 'assumed', before: false, after: true },
            ],
          },
        ],
      },
    ],
    [
      'mitigation team, status, effort, probability',
      {
        mitigations: [
          makeMitigation({
            key: 'm',
            team: 'security',
            status: 'planned',
            effort: 3,
            probability: 0.1,
          }),
        ],
      },
      {
        changed: [
          {
            key: 'm',
            previousKey: 'm',
            kind: 'mitigation',
            changes: [
              { field: 'team', before: 'infra', after: 'security' },
              { field: 'status', before: 'in_place', after: 'planned' },
              { field: 'effort', before: null, after: 3 },
              { field: 'probability', before: null, after: 0.1 },
            ],
          },
        ],
      },
    ],
    [
      'evidence status, validUntil, scope, effort (defaults compare as themselves)',
      {
        evidence: [
          makeEvidence({
            key: 'e',
            status: 'stale',
            validUntil: '2030-01-01T00:00:00.000Z',
            scope: 'standing',
            effort: 5,
          }),
        ],
      },
      {
        changed: [
          {
            key: 'e',
            previousKey: 'e',
            kind: 'evidence',
            changes: [
              { field: 'status', before: 'valid', after: 'stale' },
              { field: 'validUntil', before: null, after: '2030-01-01T00:00:00.000Z' },
              { field: 'scope', before: 'model', after: 'standing' },
              { field: 'effort', before: null, after: 5 },
            ],
          },
        ],
      },
    ],
    [
      'a node changing kind under its key',
      {
        claims: [makeClaim({ key: 'c', supports: ['e'], kind: 'alignment' })],
        evidence: [],
        mitigations: [
          makeMitigation({ key: 'm', team: 'infra' }),
          makeMitigation({ key: 'e', title: 'e' }),
        ],
      },
      {
        changed: [
          {
            key: 'e',
            previousKey: 'e',
            kind: 'mitigation',
            changes: [
              { field: 'nodeKind', before: 'evidence', after: 'mitigation' },
              { field: 'status', before: 'valid', after: 'in_place' },
              { field: 'scope', before: 'model', after: null },
              { field: 'kind', before: null, after: 'other' },
            ],
          },
        ],
      },
    ],
    [
      'teams added, removed, renamed',
      {
        teams: [
          { key: 'infra', name: 'Infrastructure' },
          { key: 'review', name: null },
        ],
        mitigations: [makeMitigation({ key: 'm', team: 'infra' })],
      },
      {
        teams: {
          added: ['review'],
          removed: ['security'],
          changed: [
            {
              key: 'infra',
              changes: [{ field: 'name', before: 'Infra', after: 'Infrastructure' }],
            },
          ],
        },
      },
    ],
    [
      'report title, model, description, state',
      {
        report: {
          key: 'test',
          title: 'Next',
          model: 'M5',
          previous: null,
          description: 'd',
          state: 'published',
        },
      },
      {
        report: [
          { field: 'title', before: 'Test case', after: 'Next' },
          { field: 'model', before: null, after: 'M5' },
          { field: 'description', before: null, after: 'd' },
          { field: 'state', before: 'draft', after: 'published' },
        ],
      },
    ],
    [
      'links added and removed',
      {
        pathways: [makePathway({ key: 'p', supports: ['c', 'e'] })],
        mitigations: [
          makeMitigation({ key: 'm', team: 'infra', dependsOn: ['n'] }),
          makeMitigation({ key: 'n' }),
        ],
      },
      {
        added: [{ key: 'n', kind: 'mitigation' }],
        links: {
          added: [
            { node: 'm', relation: 'dependsOn', target: 'n' },
            { node: 'p', relation: 'supports', target: 'e' },
          ],
          removed: [{ node: 'p', relation: 'supports', target: 'm' }],
        },
      },
    ],
  ])('%s', (_name, overrides, expected) => {
    const d = diffCases(base, { ...base, ...overrides });
    const { structure } = d;
    expect(structure).toEqual({
      report: [],
      teams: { added: [], removed: [], changed: [] },
      added: [],
      removed: [],
      renamed: [],
      splits: [],
      merges: [],
      changed: [],
      links: { added: [], removed: [] },
      ...expected,
    });
    const s = structure;
    expect(d.summary.structuralChanges).toBe(
      s.report.length +
        s.teams.added.length +
        s.teams.removed.length +
        s.teams.changed.length +
        s.added.length +
        s.removed.length +
        s.renamed.length +
        s.splits.length +
        s.merges.length +
        s.changed.length +
        s.links.added.length +
        s.links.removed.length,
    );
  });

  it('a renamed node compares its fields with the node it renames', () => {
    const next: Case = {
      ...base,
      report: { ...base.report, key: 'next', previous: 'test' },
      pathways: [makePathway({ key: 'p', supports: ['c', 'm2'] })],
      mitigations: [
        makeMitigation({ key: 'm2', team: 'infra', title: 'M two', previousKeys: ['m'] }),
      ],
    };
    const d = diffCases(base, next);
    expect(d.structure.renamed).toEqual([{ from: 'm', to: 'm2', kind: 'mitigation' }]);
    expect(d.structure.changed).toEqual([
      {
        key: 'm2',
        previousKey: 'm',
        kind: 'mitigation',
        changes: [{ field: 'title', before: 'm', after: 'M two' }],
      },
    ]);
    expect(d.structure.links).toEqual({ added: [], removed: [] });
  });
});

/*
 * Scenarios (SPEC §8) between reports: `kept` is retitled, its time to harm halves (2h → 1h),
 * its on-call is no longer paged in time (30m → 4h: chain 1 takes 5m + 4h = 4h05m = 14700s) and
 * it gains a second chain; `gone` is replaced by `new`.
 */
describe('diffCases: scenarios', () => {
  const chain1 = (oncall: number, paged?: boolean) => ({
    steps: [
      { mitigation: 'monitor', action: 'detects' as const, latency: 300 },
      {
        mitigation: 'oncall',
        action: 'responds' as const,
        latency: oncall,
        ...(paged && { paged }),
      },
    ],
  });
  const withScenarios = (supports: string[], scenarios: Case['scenarios']): Case =>
    makeCase({
      pathways: [makePathway({ key: 'p', supports: ['c'] })],
      claims: [makeClaim({ key: 'c', requires: { mode: 'any' }, supports })],
      mitigations: ['monitor', 'oncall'].map((key) => makeMitigation({ key })),
      scenarios,
    });
  const from = withScenarios(
    ['gone', 'kept'],
    [
      makeScenario({ key: 'gone', pathway: 'p', chains: [chain1(60)] }),
      makeScenario({
        key: 'kept',
        pathway: 'p',
        title: 'Kept',
        timeToHarm: 7200,
        chains: [chain1(1800)],
      }),
    ],
  );
  const to = withScenarios(
    ['kept', 'new'],
    [
      makeScenario({
        key: 'kept',
        pathway: 'p',
        title: 'Kept, retitled',
        timeToHarm: 3600,
        chains: [
          chain1(4 * 3600, true),
          {
            steps: [
              {
                mitigation: 'monitor',
                team: 'ops',
                action: 'detects',
                latency: 600,
                automatic: true,
              },
            ],
          },
        ],
      }),
      makeScenario({ key: 'new', pathway: 'p', chains: [chain1(60)] }),
    ],
  );

  it('lists scenarios added, removed and changed: title, time to harm, steps and latencies', () => {
    const d = diffCases(from, to);
    expect(d.scenarios).toEqual({
      added: ['new'],
      removed: ['gone'],
      changed: [
        {
          key: 'kept',
          changes: [
            { field: 'title', before: 'Kept', after: 'Kept, retitled' },
            { field: 'timeToHarm', before: 7200, after: 3600 },
            {
              field: 'chain#1.steps',
              before: 'monitor detects 5m → oncall responds 30m',
              after: 'monitor detects 5m → oncall responds 4h, paged',
            },
            { field: 'chain#1.latency', before: 2100, after: 14_700 },
            { field: 'chain#2.steps', before: null, after: 'monitor (ops) detects 10m, automatic' },
            { field: 'chain#2.latency', before: null, after: 600 },
          ],
        },
      ],
    });
    // Two links (c supports gone → new) and three scenarios.
    expect(d.summary.structuralChanges).toBe(5);
    expect(formatCaseDiff(d)).toEqual(
      expect.arrayContaining([
        'Scenarios',
        '  + scenario new',
        '  - scenario gone',
        '  scenario kept: timeToHarm 7200 → 3600',
        '  scenario kept: chain#1.latency 2100 → 14700',
      ]),
    );
  });

  it('leaves diffs of cases without scenarios as they were', () => {
    expect(diffCases(specExample, specExample)).not.toHaveProperty('scenarios');
  });
});

describe('diffCases properties', () => {
  it('a case against itself: no change of any kind', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbitraryCase(), caseArb, scenarioCaseArb),
        maxOrderArb,
        (c, maxOrder) => {
          isEmpty(diffCases(c, c, { maxOrder }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('renaming every node (lineage naming the old key): renames only, same analysis', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryCase(), caseArb), maxOrderArb, (c, maxOrder) => {
        const rename = freshKeysFor(c);
        const next = renameEveryNode(c, rename, 'next');
        const d = diffCases(c, next, { maxOrder, roadmapLimit: 100 });
        const nodes = listCaseNodes(c);
        expect(d.structure.renamed).toHaveLength(nodes.length);
        expect([...d.structure.renamed].sort((a, b) => (a.from < b.from ? -1 : 1))).toEqual(
          nodes
            .map((n) => ({ from: n.key, to: rename(n.key), kind: n.kind }))
            .sort((a, b) => (a.from < b.from ? -1 : 1)),
        );
        // The report now names the one it iterates on; nothing else changes.
        const previousChange =
          c.report.previous === c.report.key
            ? []
            : [{ field: 'previous', before: c.report.previous, after: c.report.key }];
        expect(d.structure.report).toEqual(previousChange);
        expect(d.structure.added).toEqual([]);
        expect(d.structure.removed).toEqual([]);
        expect(d.structure.splits).toEqual([]);
        expect(d.structure.merges).toEqual([]);
        expect(d.structure.changed).toEqual([]);
        expect(d.structure.links).toEqual({ added: [], removed: [] });
        expect(d.analysis.loadBearing).toEqual({ appeared: [], disappeared: [] });
        expect(d.summary.regressions).toEqual([]);
        expect(d.summary.argumentsChanged).toBe(0);
        expect(d.summary.structuralChanges).toBe(nodes.length + previousChange.length);
        for (const a of d.analysis.arguments) {
          expect(a.key).not.toBeNull();
          expect(a.key).toBe(a.previousKey === null ? null : rename(a.previousKey));
          expect(a.after).toEqual(a.before);
        }
        // The same items; ties break by key, so renames may reorder them.
        const items = (entries: readonly RoadmapEntry[]) =>
          entries.map(({ rank: _, ...r }) => r).sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(items(d.analysis.roadmap.after)).toEqual(
          items(d.analysis.roadmap.before.map((r) => ({ ...r, key: rename(r.key) }))),
        );
      }),
      { numRuns: 300 },
    );
  });

  /** `c` with some mitigation and evidence statuses changed at random. */
  const withStatusChanges = (c: Case) =>
    fc
      .tuple(
        fc.array(fc.option(fc.constantFrom(...MITIGATION_STATUSES), { freq: 2 }), {
          minLength: c.mitigations.length,
          maxLength: c.mitigations.length,
        }),
        fc.array(fc.option(fc.constantFrom(...EVIDENCE_STATUSES), { freq: 2 }), {
          minLength: c.evidence.length,
          maxLength: c.evidence.length,
        }),
      )
      .map(([ms, es]): Case => ({
        ...c,
        mitigations: c.mitigations.map((m, i) => ({ ...m, status: ms[i] ?? m.status })),
        evidence: c.evidence.map((e, i) => ({ ...e, status: es[i] ?? e.status })),
      }));

  it('regressions and load-bearing changes are those brute force finds, with or without renames', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), withStatusChanges(c), fc.boolean())),
        maxOrderArb,
        ([c, changed, renamed], maxOrder) => {
          const rename = renamed ? freshKeysFor(c) : (k: string) => k;
          const next = renamed ? renameEveryNode(changed, rename, 'next') : changed;
          const d = diffCases(c, next, { maxOrder });
          const before = bruteAnalyse(c);
          const after = bruteAnalyse(changed);
          const rank = (m: number) => Math.min(m, maxOrder + 1);
          const argumentKeys = [...c.pathways, ...c.claims].map((x) => x.key).sort();
          const expected = argumentKeys.flatMap((k) => {
            const lost = before.holds.get(k)! && !after.holds.get(k)!;
            const lower = rank(after.margins.get(k)!) < rank(before.margins.get(k)!);
            return lost || lower ? [[rename(k), k, lost ? 'lostHolding' : 'marginDecreased']] : [];
          });
          expect(
            [...d.summary.regressions]
              .map((r) => [r.key, r.previousKey, r.reason])
              .sort((a, b) => (a[1] < b[1] ? -1 : 1)),
          ).toEqual(expected);
          const singles = (b: ReturnType<typeof bruteAnalyse>) =>
            new Set(
              argumentKeys.flatMap((k) =>
                b.cutSets
                  .get(k)!
                  .filter((s) => s.length === 1)
                  .map((s) => `${rename(k)} ${rename(s[0])}`),
              ),
            );
          const was = singles(before);
          const now = singles(after);
          const show = (pairs: readonly { argument: string; loadBearing: string }[]) =>
            pairs.map((p) => `${p.argument} ${p.loadBearing}`).sort();
          expect(show(d.analysis.loadBearing.appeared)).toEqual(
            [...now].filter((p) => !was.has(p)).sort(),
          );
          expect(show(d.analysis.loadBearing.disappeared)).toEqual(
            [...was].filter((p) => !now.has(p)).sort(),
          );
          // Statuses only: the structure differs by field changes (and renames) alone.
          expect(d.structure.links).toEqual({ added: [], removed: [] });
          expect(d.structure.added).toEqual([]);
          expect(d.structure.removed).toEqual([]);
          expect(d.structure.changed.flatMap((n) => n.changes.map((ch) => ch.field))).toEqual(
            d.structure.changed.flatMap((n) => n.changes.map(() => 'status')),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
