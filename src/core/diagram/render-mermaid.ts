import {
  DIAGRAM_NODE_STATES,
  type ArgumentDiagram,
  type DiagramNodeKind,
  type DiagramNodeState,
} from './argument-diagram';
import { describeNode } from './diagram-text';
import { STATE_COLOURS } from './palette';

const SHAPES: Record<DiagramNodeKind, readonly [string, string]> = {
  pathway: ['[[', ']]'],
  claim: ['(', ')'],
  mitigation: ['[', ']'],
  evidence: ['[/', '/]'],
  scenario: ['{{', '}}'],
  chain: ['>', ']'],
};

const CLASS_NAMES: Record<DiagramNodeState, string> = {
  holds: 'holds',
  weakened: 'weakened',
  broken: 'broken',
  failed: 'failed',
  'not-holding': 'notHolding',
};

/** A Mermaid flowchart, top to bottom, a class per state; renders in GitHub and GitLab markdown. */
export function renderMermaid(diagram: ArgumentDiagram): string {
  const ids = mermaidIds(diagram.nodes.map((n) => n.key));
  // Mermaid wraps labels at 200px by default, which would break our own lines again.
  const lines = ['%%{init: {"flowchart": {"wrappingWidth": 400}}}%%', 'flowchart TB'];
  for (const node of diagram.nodes) {
    const text = describeNode(node, diagram.maxOrder);
    const label = [text.key, ...text.lines, ...text.meta].map(escapeMermaid).join('<br/>');
    const [open, close] = SHAPES[node.kind];
    lines.push(`  ${ids.get(node.key)}${open}"${label}"${close}`);
  }
  for (const edge of diagram.edges) {
    const arrow = edge.kind === 'dependsOn' ? '-.->' : '-->';
    lines.push(`  ${ids.get(edge.from)} ${arrow} ${ids.get(edge.to)}`);
  }
  for (const state of DIAGRAM_NODE_STATES) {
    const { fill, stroke, text, dashed } = STATE_COLOURS[state];
    const dash = dashed ? ',stroke-dasharray:5 3' : '';
    lines.push(
      `  classDef ${CLASS_NAMES[state]} fill:${fill},stroke:${stroke},color:${text}${dash}`,
    );
  }
  for (const state of DIAGRAM_NODE_STATES) {
    const members = diagram.nodes.filter((n) => n.state === state).map((n) => ids.get(n.key));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${CLASS_NAMES[state]}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Node ids from keys, readable and safe: only letters, digits and `_`, prefixed so that no id
 * is a keyword (`end`) or starts with `o`/`x` (which would read as an edge end). Keys that map
 * to the same id get a numbered suffix, in node order.
 */
export function mermaidIds(keys: readonly string[]): ReadonlyMap<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    const base = `n_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

/**
 * Text inside a quoted Mermaid label. Everything that could end the label, open markup or read
 * as an entity is written as a Mermaid entity code (`#quot;`, `#35;`…), which Mermaid turns
 * back into the character; line breaks become spaces (labels break with `<br/>`).
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/["#&<>[\](){}|;:`\\]/g, (c) => MERMAID_ENTITIES[c] ?? `#${c.codePointAt(0)};`);
}

const MERMAID_ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
};
