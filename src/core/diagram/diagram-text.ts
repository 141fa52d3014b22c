import type {
  ArgumentDiagram,
  DiagramMargin,
  DiagramNode,
  DiagramNodeState,
} from './argument-diagram';

/** Characters per line of a node's text and lines at most, the same in every format. */
export const TEXT_WIDTH = 34;
export const TEXT_LINES = 3;
/** Keys, the line of facts and heading lines get one line each, this wide at most. */
export const KEY_WIDTH = 44;
export const META_WIDTH = 44;
export const HEADING_WIDTH = 88;

export const STATE_LABELS: Record<DiagramNodeState, string> = {
  holds: 'holds',
  weakened: 'weakened',
  broken: 'broken',
  failed: 'failed',
  'not-holding': 'not holding',
};

/**
 * One line of plain text: control characters and line breaks become spaces, runs of whitespace
 * one space, and lone surrogates (which XML cannot carry) U+FFFD.
 */
export function cleanText(text: string): string {
  const chars = Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return ' ';
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return '\ufffd';
    return ch;
  });
  return chars.join('').replace(/\s+/g, ' ').trim();
}

/**
 * Wraps text onto at most `maxLines` lines of at most `width` characters (code points, so an
 * emoji is never cut in half), breaking between words where it can; what does not fit ends in
 * an ellipsis.
 */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  for (const word of cleanText(text).split(' ')) {
    let chars = Array.from(word);
    while (chars.length > 0) {
      if (line.length === 0 && chars.length > width) {
        lines.push(chars.slice(0, width));
        chars = chars.slice(width);
      } else if (line.length === 0) {
        [line, chars] = [chars, []];
      } else if (line.length + 1 + chars.length <= width) {
        [line, chars] = [[...line, ' ', ...chars], []];
      } else {
        lines.push(line);
        line = [];
      }
    }
  }
  if (line.length > 0) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => l.join(''));
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  if (last.length >= width) {
    // Make room for the ellipsis, at a word break when the line has one.
    last = last.slice(0, width - 1);
    const space = last.lastIndexOf(' ');
    if (space > 0) last = last.slice(0, space);
  }
  kept[maxLines - 1] = [...last, '…'];
  return kept.map((l) => l.join(''));
}

/** One line, shortened with an ellipsis when longer than `width`. */
export const truncateText = (text: string, width: number): string =>
  wrapText(text, width, 1)[0] ?? '';

/** What every format writes in a node: its key, its text, then its facts. */
export interface NodeText {
  readonly key: string;
  readonly lines: readonly string[];
  /**
   * Kind, rule or status, timing, margin, and the state unless it holds, on as many lines as
   * they need:
   * "claim · requires ≥2 of 3 · margin 3 → 1", "weakened".
   */
  readonly meta: readonly string[];
}

export function describeNode(node: DiagramNode, maxOrder: number): NodeText {
  const facts: string[] = [node.kind];
  if (node.rule !== null) {
    // A claim with no supports is assumed or undeveloped: there is no rule to state.
    facts.push(
      node.rule === 'assumed' || node.rule === 'undeveloped' ? node.rule : `requires ${node.rule}`,
    );
  }
  if (node.status !== null) facts.push(node.status);
  if (node.timing !== null) facts.push(node.timing);
  if (node.margin !== null && node.state !== 'not-holding') {
    facts.push(describeMargin(node.margin, maxOrder));
  }
  if (node.state !== 'holds') facts.push(STATE_LABELS[node.state]);
  // Facts are short and never cut: a line takes as many whole facts as fit.
  const meta: string[] = [];
  for (const fact of facts) {
    const last = meta.length - 1;
    if (last >= 0 && Array.from(`${meta[last]} · ${fact}`).length <= META_WIDTH) {
      meta[last] += ` · ${fact}`;
    } else {
      meta.push(fact);
    }
  }
  return {
    key: truncateText(node.key, KEY_WIDTH),
    lines: wrapText(node.text, TEXT_WIDTH, TEXT_LINES),
    meta,
  };
}

function describeMargin({ before, after }: DiagramMargin, maxOrder: number): string {
  const show = (m: number | null) => (m === null ? `>${maxOrder}` : String(m));
  return before === after ? `margin ${show(before)}` : `margin ${show(before)} → ${show(after)}`;
}

/** The heading: the pathway's title, where it comes from, and the simulation if any. */
export function describeDiagram(diagram: ArgumentDiagram): string[] {
  const lines = [diagram.title, `pathway ${diagram.pathway} · report ${diagram.report}`];
  if (diagram.failed.length > 0) lines.push(`simulated failure: ${diagram.failed.join(', ')}`);
  return lines.map((l) => truncateText(l, HEADING_WIDTH));
}
