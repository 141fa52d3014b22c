import {
  DIAGRAM_NODE_STATES,
  type ArgumentDiagram,
  type DiagramEdge,
  type DiagramNode,
  type DiagramNodeKind,
} from './argument-diagram';
import { describeDiagram, describeNode, STATE_LABELS, type NodeText } from './diagram-text';
import { layoutGraph, type Point } from './layout';
import { EDGE_COLOUR, STATE_COLOURS } from './palette';

const SANS = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
/** Sized for the text widths of diagram-text: a 44-character key in 9px monospace fits. */
const NODE_WIDTH = 260;
const PAD_X = 10;
const PAD_Y = 9;
const MARGIN = 20;
const LEGEND_HEIGHT = 34;
const CORNERS: Record<'pathway' | 'claim' | 'mitigation' | 'evidence', number> = {
  pathway: 4,
  claim: 14,
  mitigation: 4,
  evidence: 0,
};
/** How far a scenario's hexagon and a chain's arrow point reach in from the box's sides. */
const POINT_INSET = 12;

/** One line of text in a node, its baseline measured from the node's top. */
interface TextLine {
  readonly text: string;
  readonly baseline: number;
  readonly size: number;
  readonly font: string;
  readonly weight: number;
}

/**
 * A self-contained SVG laid out by dagre (top to bottom): no scripts, stylesheets or external
 * references; colours are attributes, so it renders the same inlined in a page or on its own.
 * Each node is a `<g class="node" data-key data-kind data-state>`, each edge a
 * `<path class="edge" data-from data-to data-kind>`.
 */
export function renderSvg(diagram: ArgumentDiagram): string {
  const lines = new Map(
    diagram.nodes.map((n) => [n.key, layoutText(n, describeNode(n, diagram.maxOrder))]),
  );
  const graph = layoutGraph({
    nodes: diagram.nodes.map((n) => ({
      key: n.key,
      width: NODE_WIDTH,
      height: heightOf(lines.get(n.key)!),
    })),
    edges: diagram.edges,
  });

  const heading = describeDiagram(diagram);
  const legend = legendItems(diagram);
  const { width: graphWidth, height: graphHeight } = graph;
  const headingHeight = 26 + 17 * (heading.length - 1);
  const legendWidth = legend.reduce((w, item) => w + item.width, 0);
  const width = Math.ceil(
    2 * MARGIN +
      Math.max(graphWidth, legendWidth, ...heading.map((h, i) => textWidth(h, i === 0 ? 16 : 11))),
  );
  const height = Math.ceil(2 * MARGIN + headingHeight + graphHeight + LEGEND_HEIGHT);
  // The graph is centred under the heading.
  const dx = (width - graphWidth) / 2;
  const dy = MARGIN + headingHeight;

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${SANS}" data-report="${xml(diagram.report)}" data-pathway="${xml(diagram.pathway)}">`,
    `<title>${xml(heading.join(' — '))}</title>`,
    `<defs><marker id="lb-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${EDGE_COLOUR}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...heading.map(
      (h, i) =>
        `<text x="${MARGIN}" y="${MARGIN + 14 + 17 * i}" font-size="${i === 0 ? 16 : 11}" font-weight="${i === 0 ? 600 : 400}" fill="${i === 0 ? '#111827' : '#4b5563'}">${xml(h)}</text>`,
    ),
    `<g class="edges" transform="translate(${num(dx)},${num(dy)})">`,
    ...diagram.edges.map((edge, i) => renderEdge(edge, graph.edges[i])),
    '</g>',
    `<g class="nodes" transform="translate(${num(dx)},${num(dy)})">`,
    ...diagram.nodes.map((node) =>
      renderNode(node, lines.get(node.key)!, graph.nodes.get(node.key)!),
    ),
    '</g>',
    renderLegend(legend, MARGIN, height - MARGIN - 14),
    '</svg>',
  ];
  return `${out.join('\n')}\n`;
}

function layoutText(node: DiagramNode, text: NodeText): TextLine[] {
  const lines: TextLine[] = [];
  let y = PAD_Y;
  const add = (t: string, size: number, font: string, weight: number, before: number) => {
    y += before + size;
    lines.push({ text: t, baseline: y, size, font, weight });
  };
  add(text.key, 9, MONO, 400, 0);
  const weight = node.kind === 'pathway' ? 600 : 400;
  text.lines.forEach((line, i) => add(line, 12, SANS, weight, i === 0 ? 6 : 3));
  text.meta.forEach((line, i) => add(line, 9.5, SANS, 400, i === 0 ? 6 : 2));
  return lines;
}

const heightOf = (lines: readonly TextLine[]) => lines[lines.length - 1].baseline + PAD_Y + 3;

function renderNode(node: DiagramNode, lines: readonly TextLine[], { x, y }: Point): string {
  const c = STATE_COLOURS[node.state];
  const dash = c.dashed ? ' stroke-dasharray="5 3"' : '';
  return [
    `<g class="node" data-key="${xml(node.key)}" data-kind="${node.kind}" data-state="${node.state}" transform="translate(${num(x)},${num(y)})">`,
    `<title>${xml(`${node.key}: ${node.text}`)}</title>`,
    outline(
      node.kind,
      heightOf(lines),
      `fill="${c.fill}" stroke="${c.stroke}" stroke-width="${node.kind === 'pathway' ? 2.5 : 1.2}"${dash}`,
    ),
    ...lines.map(
      (l) =>
        `<text x="${PAD_X}" y="${num(l.baseline)}" font-size="${l.size}" font-family="${l.font}" font-weight="${l.weight}" fill="${c.text}">${xml(l.text)}</text>`,
    ),
    '</g>',
  ].join('\n');
}

/** A node's outline: a hexagon for a scenario, a box pointing right for a chain, else a box. */
function outline(kind: DiagramNodeKind, height: number, paint: string): string {
  const [w, h, i] = [NODE_WIDTH, num(height), POINT_INSET];
  const middle = num(height / 2);
  if (kind === 'scenario') {
    return `<polygon points="${i},0 ${w - i},0 ${w},${middle} ${w - i},${h} ${i},${h} 0,${middle}" ${paint}/>`;
  }
  if (kind === 'chain') {
    return `<polygon points="0,0 ${w - i},0 ${w},${middle} ${w - i},${h} 0,${h}" ${paint}/>`;
  }
  return `<rect width="${w}" height="${h}" rx="${CORNERS[kind]}" ${paint}/>`;
}

function renderEdge(edge: DiagramEdge, points: readonly Point[]): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' ');
  const dash = edge.kind === 'dependsOn' ? ' stroke-dasharray="6 4"' : '';
  return `<path class="edge" data-from="${xml(edge.from)}" data-to="${xml(edge.to)}" data-kind="${edge.kind}" d="${d}" fill="none" stroke="${EDGE_COLOUR}" stroke-width="1.3"${dash} marker-end="url(#lb-arrow)"/>`;
}

interface LegendItem {
  readonly label: string;
  readonly swatch: string;
  readonly width: number;
}

/** The states present, in a fixed order, then the kinds of edge present. */
function legendItems(diagram: ArgumentDiagram): LegendItem[] {
  const item = (label: string, swatch: string) => ({
    label,
    swatch,
    width: 26 + textWidth(label, 11),
  });
  const states = DIAGRAM_NODE_STATES.filter((s) => diagram.nodes.some((n) => n.state === s));
  const items = states.map((s) => {
    const c = STATE_COLOURS[s];
    const dash = c.dashed ? ' stroke-dasharray="3 2"' : '';
    return item(
      STATE_LABELS[s],
      `<rect y="-10" width="14" height="14" rx="3" fill="${c.fill}" stroke="${c.stroke}"${dash}/>`,
    );
  });
  items.push(item('supports', `<path d="M0,-3 H14" stroke="${EDGE_COLOUR}" stroke-width="1.3"/>`));
  if (diagram.edges.some((e) => e.kind === 'dependsOn')) {
    items.push(
      item(
        'depends on',
        `<path d="M0,-3 H14" stroke="${EDGE_COLOUR}" stroke-width="1.3" stroke-dasharray="4 2"/>`,
      ),
    );
  }
  return items;
}

function renderLegend(items: readonly LegendItem[], x: number, y: number): string {
  const out = [`<g class="legend" transform="translate(${x},${num(y)})">`];
  let at = 0;
  for (const item of items) {
    out.push(
      `<g transform="translate(${num(at)},0)">${item.swatch}<text x="20" font-size="11" fill="#374151">${xml(item.label)}</text></g>`,
    );
    at += item.width;
  }
  out.push('</g>');
  return out.join('\n');
}

/** A generous estimate (no font metrics here): 0.6 em per character. */
const textWidth = (text: string, size: number) => Array.from(text).length * size * 0.6;

/** Coordinates to one decimal: short, and the same on every run. */
const num = (v: number) => String(Math.round(v * 10) / 10);

/**
 * Text for XML content and attribute values: the five special characters as entities, and any
 * character XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF) as U+FFFD.
 */
export function xml(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      return '\ufffd';
    }
    return XML_ENTITIES[ch] ?? ch;
  }).join('');
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
