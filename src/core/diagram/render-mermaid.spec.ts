import { analyseCase } from '../analysis';
import { makeSpecExampleCase } from '../analysis/testing/make-case';
import { buildArgumentDiagram } from './argument-diagram';
import { describeNode } from './diagram-text';
import { escapeMermaid, mermaidIds, renderMermaid } from './render-mermaid';
import { makeNastyCase, NASTY_TEXT } from './testing/nasty-case';
import { makeScenarioCase } from './testing/scenario-case';

/** What Mermaid shows for an escaped label: entity codes decoded. */
const decodeMermaid = (text: string) =>
  text.replace(/#(\w+);/g, (_, code: string) =>
    /^\d+$/.test(code)
      ? String.fromCodePoint(Number(code))
      : ({ quot: '"', amp: '&', lt: '<', gt: '>' } as Record<string, string>)[code],
  );

describe('escapeMermaid', () => {
  it.each([
    ['say "hi"', 'say #quot;hi#quot;'],
    ['#1; a|b', '#35;1#59; a#124;b'],
    ['[x] (y) {z}', '#91;x#93; #40;y#41; #123;z#125;'],
    ['<br> & `code`', '#lt;br#gt; #amp; #96;code#96;'],
    ['style: x', 'style#58; x'],
    ['two\nlines', 'two lines'],
  ])('%j', (text, escaped) => {
    expect(escapeMermaid(text)).toBe(escaped);
  });

  it('leaves nothing that could end a label or open markup, and reads back', () => {
    const escaped = escapeMermaid(NASTY_TEXT);
    expect(escaped.replace(/#\w+;/g, '')).not.toMatch(/["#&<>[\](){}|;:`\\\n]/);
    expect(decodeMermaid(escaped)).toBe(NASTY_TEXT.replace(/\n/g, ' '));
  });
});

describe('mermaidIds', () => {
  it('maps keys to distinct safe identifiers, in order', () => {
    const ids = mermaidIds(['a.b', 'a-b', 'a_b', 'end', 'o', 'x1', 'a_b_2']);
    expect([...ids.values()]).toEqual([
      'n_a_b',
      'n_a_b_2',
      'n_a_b_3',
      'n_end',
      'n_o',
      'n_x1',
      'n_a_b_2_2',
    ]);
  });
});

describe('renderMermaid', () => {
  it('writes a flowchart with a shape per kind, dotted dependsOn and a class per state', () => {
    const c = makeSpecExampleCase();
    const out = renderMermaid(
      buildArgumentDiagram({
        case: c,
        analysis: analyseCase({ case: c }),
        pathway: 'self-exfiltration',
        failed: ['log-pipeline'],
      }),
    );
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('%%{init: {"flowchart": {"wrappingWidth": 400}}}%%');
    expect(lines[1]).toBe('flowchart TB');
    expect(lines[2]).toMatch(/^ {2}n_self_exfiltration\[\["self-exfiltration<br\/>.*"\]\]$/);
    expect(out).toContain(
      '  n_exfil_detected("exfil-detected<br/>exfil-detected<br/>claim · requires ≥1 of 2 · margin 2 → 1<br/>weakened")',
    );
    expect(out).toContain('  n_alignment_audit[/"alignment-audit<br/>');
    expect(out).toContain('  n_egress_monitor -.-> n_log_pipeline');
    expect(out).toContain('  n_self_exfiltration --> n_exfil_detected');
    expect(lines.filter((l) => l.startsWith('  classDef '))).toHaveLength(5);
    expect(out).toContain('  class n_exfil_detected weakened');
    expect(out).toContain('  class n_egress_monitor,n_log_pipeline failed');
    expect(out).toContain('  class n_interp_probes notHolding');
  });

  it('escapes nasty titles: every label reads back as the text the node shows', () => {
    const nasty = makeNastyCase();
    const diagram = buildArgumentDiagram({
      case: nasty,
      analysis: analyseCase({ case: nasty }),
      pathway: 'end',
    });
    const out = renderMermaid(diagram);
    const ids = mermaidIds(diagram.nodes.map((n) => n.key));
    for (const node of diagram.nodes) {
      const line = out
        .split('\n')
        .find((l) => l.startsWith(`  ${ids.get(node.key)}`) && l.includes('"'))!;
      const label = /"(.*)"/.exec(line)![1];
      expect(label).not.toContain('"');
      const text = describeNode(node, diagram.maxOrder);
      expect(label.split('<br/>').map(decodeMermaid)).toEqual([
        text.key,
        ...text.lines,
        ...text.meta,
      ]);
    }
    expect(out).toContain('  n_end --> n_a_b\n  n_end --> n_a_b_2\n  n_end --> n_a_b_3\n');
  });
});

describe('renderMermaid with a scenario', () => {
  it('draws the scenario as a hexagon and its chains as flags', () => {
    const c = makeScenarioCase();
    const out = renderMermaid(
      buildArgumentDiagram({
        case: c,
        analysis: analyseCase({ case: c }),
        pathway: 'self-exfiltration',
      }),
    );
    expect(out).toContain(
      '  n_weights_copied{{"weights-copied<br/>The model copies a checkpoint to<br/>an external bucket<br/>scenario · requires any · time to harm 2h"}}',
    );
    expect(out).toContain(
      '  n_weights_copied_2>"weights-copied#35;2<br/>weekly-audit detects #40;3d#41;<br/>chain · requires all · too slow#58; 3d of 2h<br/>not holding"]',
    );
    expect(out).toContain('  n_exfil_stopped --> n_weights_copied');
    expect(out).toContain('  n_weights_copied_1 --> n_egress_monitor');
  });
});
