import { analyseCase } from '../analysis';
import { makeSpecExampleCase } from '../analysis/testing/make-case';
import { buildArgumentDiagram } from './argument-diagram';
import { describeNode } from './diagram-text';
import { STATE_COLOURS } from './palette';
import { quoteDot, renderDot } from './render-dot';
import { makeNastyCase } from './testing/nasty-case';
import { makeScenarioCase } from './testing/scenario-case';

/** Reads the quoted strings of a DOT line back as Graphviz shows them in labels. */
function readDotStrings(line: string): string[] {
  const strings: string[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '"') continue;
    let value = '';
    for (i++; line[i] !== '"'; i++) {
      if (i >= line.length) throw new Error(`unterminated string in ${line}`);
      if (line[i] === '\\') {
        i++;
        value += line[i] === 'n' ? '\n' : line[i];
      } else {
        value += line[i];
      }
    }
    strings.push(value.replace(/&amp;/g, '&'));
  }
  return strings;
}

describe('quoteDot', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['ends in \\', '"ends in \\\\"'],
    ['two\nlines\r\nthree', '"two\\nlines\\nthree"'],
    ['not a \\n break', '"not a \\\\n break"'],
    ['&amp; & &#35;', '"&amp;amp; &amp; &amp;#35;"'],
  ])('%j', (text, quoted) => {
    expect(quoteDot(text)).toBe(quoted);
    expect(readDotStrings(quoted)).toEqual([text.replace(/\r\n/g, '\n')]);
  });
});

describe('renderDot', () => {
  const c = makeSpecExampleCase();
  const dot = renderDot(
    buildArgumentDiagram({
      case: c,
      analysis: analyseCase({ case: c }),
      pathway: 'self-exfiltration',
      failed: ['log-pipeline'],
    }),
  );
  const lineOf = (key: string) => dot.split('\n').find((l) => l.startsWith(`  "${key}" [`))!;

  it('writes a top-to-bottom digraph with one statement per node and edge', () => {
    const lines = dot.trimEnd().split('\n');
    expect(lines[0]).toBe('digraph "self-exfiltration" {');
    expect(lines[1]).toContain('rankdir=TB');
    expect(lines.at(-1)).toBe('}');
    expect(lines.filter((l) => / \[label=/.test(l))).toHaveLength(8);
    expect(lines.filter((l) => l.includes(' -> '))).toHaveLength(7);
    expect(dot).toContain('  "egress-monitor" -> "log-pipeline" [style=dashed];');
    expect(dot).toContain('  "self-exfiltration" -> "exfil-detected";');
  });

  it('colours nodes by state and dashes what does not hold', () => {
    expect(lineOf('exfil-detected')).toContain(`fillcolor="${STATE_COLOURS.weakened.fill}"`);
    expect(lineOf('log-pipeline')).toContain(`fillcolor="${STATE_COLOURS.failed.fill}"`);
    expect(lineOf('alignment-audit')).toContain(`fillcolor="${STATE_COLOURS.holds.fill}"`);
    expect(lineOf('interp-probes')).toContain('style="filled,dashed"');
    expect(readDotStrings(lineOf('exfil-detected'))[1]).toBe(
      'exfil-detected\nexfil-detected\nclaim · requires ≥1 of 2 · margin 2 → 1\nweakened',
    );
  });

  it('escapes nasty titles: every label reads back as the text the node shows', () => {
    const nasty = makeNastyCase();
    const diagram = buildArgumentDiagram({
      case: nasty,
      analysis: analyseCase({ case: nasty }),
      pathway: 'end',
    });
    const out = renderDot(diagram);
    for (const node of diagram.nodes) {
      const line = out
        .split('\n')
        .find((l) => l.includes(' [label=') && readDotStrings(l)[0] === node.key)!;
      const text = describeNode(node, diagram.maxOrder);
      const [, label, tooltip] = readDotStrings(line);
      expect(label).toBe([text.key, ...text.lines, ...text.meta].join('\n'));
      expect(tooltip).toBe(node.text);
    }
    // Every line has balanced quotes (readDotStrings throws otherwise) and no raw line break.
    out.trimEnd().split('\n').forEach(readDotStrings);
  });
});

describe('renderDot with a scenario', () => {
  const c = makeScenarioCase();
  const dot = renderDot(
    buildArgumentDiagram({
      case: c,
      analysis: analyseCase({ case: c }),
      pathway: 'self-exfiltration',
    }),
  );
  const lineOf = (key: string) => dot.split('\n').find((l) => l.startsWith(`  "${key}" [`))!;

  it('draws the scenario as a hexagon and its chains as arrows, with their timing', () => {
    expect(lineOf('weights-copied')).toContain('shape=hexagon');
    expect(readDotStrings(lineOf('weights-copied'))[1]).toBe(
      'weights-copied\nThe model copies a checkpoint to\nan external bucket\nscenario · requires any · time to harm 2h',
    );
    expect(lineOf('weights-copied#1')).toContain('shape=cds');
    expect(readDotStrings(lineOf('weights-copied#2'))[1]).toBe(
      'weights-copied#2\nweekly-audit detects (3d)\nchain · requires all · too slow: 3d of 2h\nnot holding',
    );
    expect(lineOf('weights-copied#2')).toContain('style="filled,dashed"');
    expect(dot).toContain('  "exfil-stopped" -> "weights-copied";');
    expect(dot).toContain('  "weights-copied#1" -> "security-oncall";');
  });
});
