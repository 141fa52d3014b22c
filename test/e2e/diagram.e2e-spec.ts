import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase } from '../../src/core/analysis';
import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { buildArgumentDiagram, renderArgumentDiagram } from '../../src/core/diagram';
import { findElements, parseXml } from '../../src/core/diagram/testing/parse-xml';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const R = 'pilot-2025';
const FILE_PERMISSIONS = 'weight-storage-file-permissions';
const DIAGRAM = `query ($format: DiagramFormat!, $pathway: String!, $failed: [String!]! = []) {
  report(key: "${R}") { diagram(format: $format, pathway: $pathway, failed: $failed) }
}`;

describe('Report.diagram over GraphQL, on the example case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function diagram(format: string, pathway: string, failed: string[] = []) {
    const res = await t.gql<{ report: { diagram: string } }>(DIAGRAM, { format, pathway, failed });
    expect(res.errors).toBeUndefined();
    return res.data!.report.diagram;
  }

  /** data-state of each node of an SVG diagram, by key. */
  async function svgStates(pathway: string, failed: string[] = []) {
    const root = parseXml(await diagram('SVG', pathway, failed));
    const nodes = findElements(root, (e) => e.attributes.class === 'node');
    return Object.fromEntries(
      nodes.map((n) => [n.attributes['data-key'], n.attributes['data-state']]),
    );
  }

  it('draws a pathway in DOT, Mermaid and SVG, as the diagram core does for the file', async () => {
    const c = parseCaseFile({ text: EXAMPLE }).case!;
    const expected = buildArgumentDiagram({
      case: c,
      analysis: analyseCase({ case: c }),
      pathway: 'self-exfiltration',
    });
    for (const [format, core] of [
      ['DOT', 'dot'],
      ['MERMAID', 'mermaid'],
      ['SVG', 'svg'],
    ] as const) {
      expect(await diagram(format, 'self-exfiltration')).toBe(
        renderArgumentDiagram({ diagram: expected, format: core }),
      );
    }
    expect(await diagram('DOT', 'self-exfiltration')).toMatch(/^digraph "self-exfiltration" \{\n/);
    expect(await diagram('MERMAID', 'self-exfiltration')).toMatch(
      /^%%\{init: .*\}%%\nflowchart TB\n/,
    );
    expect(parseXml(await diagram('SVG', 'self-exfiltration')).name).toBe('svg');
  });

  it('applies the simulation: the file-permissions setting fails and breaks the pathway', async () => {
    const before = await svgStates('self-exfiltration');
    expect(before).toMatchObject({
      'self-exfiltration': 'holds',
      'weights-inaccessible-to-agent-sessions': 'holds',
      [FILE_PERMISSIONS]: 'holds',
      'weight-encryption-at-rest': 'not-holding',
    });
    const after = await svgStates('self-exfiltration', [FILE_PERMISSIONS]);
    expect(after).toEqual({
      ...before,
      'self-exfiltration': 'broken',
      'weights-inaccessible-to-agent-sessions': 'broken',
      [FILE_PERMISSIONS]: 'failed',
    });
    expect(
      (await svgStates('rogue-internal-deployment', [FILE_PERMISSIONS]))[
        'rogue-internal-deployment'
      ],
    ).toBe('broken');
  });

  it('follows status changes, and draws the statuses of an instant under report(asOf)', async () => {
    const set = (status: string) =>
      t.gql(
        `mutation { setMitigationStatus(report: "${R}", key: "${FILE_PERMISSIONS}", status: ${status}) { key } }`,
      );
    expect((await set('failed')).errors).toBeUndefined();
    const history = await t.gql<{ report: { history: { at: string }[] } }>(
      `{ report(key: "${R}") { history(limit: 1) { at } } }`,
    );
    const failedAt = history.data!.report.history[0].at;
    try {
      // A control that has failed is simply not holding, and neither is what rests on it alone.
      expect(await svgStates('self-exfiltration')).toMatchObject({
        'self-exfiltration': 'not-holding',
        [FILE_PERMISSIONS]: 'not-holding',
      });
    } finally {
      expect((await set('in_place')).errors).toBeUndefined();
    }
    expect((await svgStates('self-exfiltration'))['self-exfiltration']).toBe('holds');

    const then = await t.gql<{ report: { diagram: string } }>(
      `query ($at: DateTime) { report(key: "${R}", asOf: $at) { diagram(format: SVG, pathway: "self-exfiltration") } }`,
      { at: failedAt },
    );
    expect(then.errors).toBeUndefined();
    const root = parseXml(then.data!.report.diagram);
    const pathway = findElements(root, (e) => e.attributes['data-key'] === 'self-exfiltration');
    expect(pathway[0].attributes['data-state']).toBe('not-holding');
  });

  it.each([
    ['an unknown pathway', { pathway: 'nope' }, 'NOT_FOUND', "'nope'"],
    [
      'a claim as the pathway',
      { pathway: 'exfiltration-would-fail' },
      'BAD_USER_INPUT',
      "'exfiltration-would-fail'",
    ],
    ['an unknown failed key', { failed: ['nope'] }, 'NOT_FOUND', "'nope'"],
    [
      'a pathway as a failure',
      { failed: ['developer-leaks'] },
      'BAD_USER_INPUT',
      "'developer-leaks'",
    ],
  ])('refuses %s, naming it', async (_name, args, code, named) => {
    const res = await t.gql(DIAGRAM, {
      format: 'SVG',
      pathway: 'self-exfiltration',
      failed: [],
      ...args,
    });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toContain(named);
  });

  it('refuses an out-of-range maxOrder', async () => {
    const res = await t.gql(
      `{ report(key: "${R}") { diagram(format: DOT, pathway: "self-exfiltration", maxOrder: 0) } }`,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('maxOrder');
  });
});
