import type { ArgumentDiagram } from './argument-diagram';
import { renderDot } from './render-dot';
import { renderMermaid } from './render-mermaid';
import { renderSvg } from './render-svg';

export const DIAGRAM_FORMATS = ['dot', 'mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** The diagram as text in one format; the same diagram always gives the same text. */
export function renderArgumentDiagram({
  diagram,
  format,
}: {
  readonly diagram: ArgumentDiagram;
  readonly format: DiagramFormat;
}): string {
  switch (format) {
    case 'dot':
      return renderDot(diagram);
    case 'mermaid':
      return renderMermaid(diagram);
    case 'svg':
      return renderSvg(diagram);
  }
}
