import type { ArgumentDiagram, DiagramNode, DiagramNodeKind } from './argument-diagram';
import { describeDiagram, describeNode } from './diagram-text';
import { EDGE_COLOUR, STATE_COLOURS } from './palette';

const SHAPES: Record<DiagramNodeKind, { readonly shape: string; readonly style: string }> = {
  pathway: { shape: 'box', style: 'filled,bold' },
  claim: { shape: 'box', style: 'filled,rounded' },
  mitigation: { shape: 'box', style: 'filled' },
  evidence: { shape: 'note', style: 'filled' },
  scenario: { shape: 'hexagon', style: 'filled' },
  chain: { shape: 'cds', style: 'filled' },
};

/** Graphviz DOT, top to bottom; render with `dot -Tsvg` or `dot -Tpng`. */
export function renderDot(diagram: ArgumentDiagram): string {
  const lines = [
    `digraph ${quoteDot(diagram.pathway)} {`,
    `  graph [rankdir=TB, label=${quoteDot(describeDiagram(diagram).join('\n'))}, labelloc=t, fontname="Helvetica", fontsize=14, nodesep=0.3, ranksep=0.5];`,
    '  node [fontname="Helvetica", fontsize=10, margin="0.15,0.08"];',
    `  edge [color=${quoteDot(EDGE_COLOUR)}, arrowsize=0.7];`,
    ...diagram.nodes.map(
      (node) => `  ${quoteDot(node.key)} [${nodeAttributes(node, diagram.maxOrder)}];`,
    ),
    ...diagram.edges.map(
      (edge) =>
        `  ${quoteDot(edge.from)} -> ${quoteDot(edge.to)}${edge.kind === 'dependsOn' ? ' [style=dashed]' : ''};`,
    ),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(node: DiagramNode, maxOrder: number): string {
  const text = describeNode(node, maxOrder);
  const colours = STATE_COLOURS[node.state];
  const { shape, style } = SHAPES[node.kind];
  return [
    `label=${quoteDot([text.key, ...text.lines, ...text.meta].join('\n'))}`,
    `tooltip=${quoteDot(node.text)}`,
    `shape=${shape}`,
    `style=${quoteDot(colours.dashed ? `${style},dashed` : style)}`,
    `fillcolor=${quoteDot(colours.fill)}`,
    `color=${quoteDot(colours.stroke)}`,
    `fontcolor=${quoteDot(colours.text)}`,
  ].join(', ');
}

/**
 * A DOT double-quoted string. Backslashes are doubled (labels would read `\l`, `\N`… as escapes),
 * quotes escaped, line breaks written as `\n` (a centred line break in a label), and `&` as
 * `&amp;`, since Graphviz decodes entities such as `&amp;` or `&#35;` in labels and tooltips.
 */
export function quoteDot(text: string): string {
  const escaped = text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/&/g, '&amp;');
  return `"${escaped}"`;
}
