import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase } from '../analysis';
import { makeSpecExampleCase } from '../analysis/testing/make-case';
import { parseCaseFile } from '../case-format/parse-case-file';
import type { Case } from '../case-model/case';
import { buildArgumentDiagram, type ArgumentDiagram } from './argument-diagram';
import { renderSvg, xml } from './render-svg';
import { makeNastyCase, NASTY_TEXT } from './testing/nasty-case';
import { makeScenarioCase } from './testing/scenario-case';
import { findElements, parseXml, type XmlElement } from './testing/parse-xml';

const draw = (c: Case, pathway: string, failed: string[] = []) =>
  buildArgumentDiagram({ case: c, analysis: analyseCase({ case: c }), pathway, failed });

const byClass = (root: XmlElement, name: string, cls: string) =>
  findElements(root, (e) => e.name === name && e.attributes.class === cls);

const translation = (e: XmlElement): [number, number] => {
  const m = /^translate\(([-\d.]+),([-\d.]+)\)$/.exec(e.attributes.transform);
  if (!m) throw new Error(`no translate in ${e.attributes.transform}`);
  return [Number(m[1]), Number(m[2])];
};

/** The width and height of a node's outline: its rect, or its polygon's furthest points. */
function outlineSize(node: XmlElement): [number, number] {
  const rect = node.children.find((c) => c.name === 'rect');
  if (rect) return [Number(rect.attributes.width), Number(rect.attributes.height)];
  const points = node.children
    .find((c) => c.name === 'polygon')!
    .attributes.points.split(' ')
    .map((p) => p.split(',').map(Number));
  for (const [px, py] of points) {
    expect(px).toBeGreaterThanOrEqual(0);
    expect(py).toBeGreaterThanOrEqual(0);
  }
  return [Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
}

/** Well-formed, self-contained, sized to its content, one element per node and edge. */
function expectSound(svg: string, diagram: ArgumentDiagram): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  const { width, height, viewBox } = root.attributes;
  expect(viewBox).toBe(`0 0 ${width} ${height}`);
  expect(root.children[0].name).toBe('title');

  // Nothing to fetch or run: no scripts, images, foreign content, links or external URLs.
  const names = new Set(findElements(root, () => true).map((e) => e.name));
  for (const name of ['script', 'image', 'foreignObject', 'a', 'use', 'style']) {
    expect(names).not.toContain(name);
  }
  expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|href/);
  expect(new Set(svg.match(/url\([^)]*\)/g))).toEqual(new Set(['url(#lb-arrow)']));

  const nodes = byClass(root, 'g', 'node');
  expect(
    nodes.map((n) => [
      n.attributes['data-key'],
      n.attributes['data-kind'],
      n.attributes['data-state'],
    ]),
  ).toEqual(diagram.nodes.map((n) => [n.key, n.kind, n.state]));
  const edges = byClass(root, 'path', 'edge');
  expect(
    edges.map((e) => [
      e.attributes['data-from'],
      e.attributes['data-to'],
      e.attributes['data-kind'],
    ]),
  ).toEqual(diagram.edges.map((e) => [e.from, e.to, e.kind]));
  for (const e of edges) expect(e.attributes.d).toMatch(/^M[-\d.]+,[-\d.]+( L[-\d.]+,[-\d.]+)+$/);

  // Every node's outline lies inside the image.
  const [gx, gy] = translation(byClass(root, 'g', 'nodes')[0]);
  for (const node of nodes) {
    const [x, y] = translation(node);
    const [right, bottom] = outlineSize(node);
    expect(gx + x).toBeGreaterThanOrEqual(0);
    expect(gy + y).toBeGreaterThanOrEqual(0);
    expect(gx + x + right).toBeLessThanOrEqual(Number(width));
    expect(gy + y + bottom).toBeLessThanOrEqual(Number(height));
  }
  return root;
}

describe('renderSvg', () => {
  it('draws the SPEC example with states, a heading and a legend', () => {
    const diagram = draw(makeSpecExampleCase(), 'self-exfiltration', ['log-pipeline']);
    const root = expectSound(renderSvg(diagram), diagram);
    expect(root.children[0].text).toBe(
      'self-exfiltration — pathway self-exfiltration · report test — simulated failure: log-pipeline',
    );
    const state = (key: string) =>
      byClass(root, 'g', 'node').find((n) => n.attributes['data-key'] === key)!.attributes[
        'data-state'
      ];
    expect(state('exfil-detected')).toBe('weakened');
    expect(state('egress-monitor')).toBe('failed');
    expect(state('interp-probes')).toBe('not-holding');
    const legend = byClass(root, 'g', 'legend')[0];
    expect(findElements(legend, (e) => e.name === 'text').map((t) => t.text)).toEqual([
      'holds',
      'weakened',
      'failed',
      'not holding',
      'supports',
      'depends on',
    ]);
  });

  it('draws a scenario as a hexagon and its chains as arrows, a broken chain in red', () => {
    const diagram = draw(makeScenarioCase(), 'self-exfiltration', ['log-pipeline']);
    const root = expectSound(renderSvg(diagram), diagram);
    const node = (key: string) =>
      byClass(root, 'g', 'node').find((n) => n.attributes['data-key'] === key)!;
    const outline = (key: string) => node(key).children.find((c) => c.name !== 'title')!;
    expect(outline('weights-copied').name).toBe('polygon');
    expect(outline('weights-copied').attributes.points.split(' ')).toHaveLength(6);
    expect(outline('weights-copied#1').attributes.points.split(' ')).toHaveLength(5);
    expect(node('weights-copied#1').attributes['data-state']).toBe('broken');
    expect(outline('weights-copied#2').attributes['stroke-dasharray']).toBe('5 3');
    expect(findElements(node('weights-copied#2'), (e) => e.name === 'text').at(-2)!.text).toBe(
      'chain · requires all · too slow: 3d of 2h',
    );
  });

  it('escapes nasty titles and keeps them whole in tooltips', () => {
    const diagram = draw(makeNastyCase(), 'end');
    const root = expectSound(renderSvg(diagram), diagram);
    // XML cannot carry U+0007 or a lone surrogate: both become U+FFFD.
    const carried = NASTY_TEXT.replace('\u0007', '\ufffd').replace('\ud800', '\ufffd');
    for (const node of byClass(root, 'g', 'node')) {
      const title = node.children.find((c) => c.name === 'title')!;
      expect(title.text).toBe(`${node.attributes['data-key']}: ${carried}`);
    }
    const shown = findElements(byClass(root, 'g', 'node')[0], (e) => e.name === 'text').map(
      (t) => t.text,
    );
    expect(shown.slice(0, 3)).toEqual([
      'end',
      'Quote " back\\slash \\n <b>bold</b>',
      '& &amp; #quot; #35; [x] (y) {z} |',
    ]);
  });

  it('lays out every pathway of the example case within a sensible size', () => {
    const c = parseCaseFile({
      text: readFileSync(
        join(__dirname, '../../../examples/pilot-sabotage-risk-report.yaml'),
        'utf8',
      ),
    }).case!;
    for (const p of c.pathways) {
      const diagram = draw(c, p.key, ['weight-storage-file-permissions']);
      const root = expectSound(renderSvg(diagram), diagram);
      // Scenarios and their chains widen it: the widest pathway is about 9,900 px.
      expect(Number(root.attributes.width)).toBeLessThan(12000);
      expect(Number(root.attributes.height)).toBeLessThan(2000);
    }
  });
});

describe('xml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<tag attr="v">', '&lt;tag attr=&quot;v&quot;&gt;'],
    ["it's", 'it&#39;s'],
    ['bell\u0007 \ud800 \uffff', 'bell\ufffd \ufffd \ufffd'],
    ['tab\tline\n🙂', 'tab\tline\n🙂'],
  ])('%j', (text, escaped) => {
    expect(xml(text)).toBe(escaped);
  });
});
