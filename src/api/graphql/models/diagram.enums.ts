import { registerEnumType } from '@nestjs/graphql';
import type { DiagramFormat } from '../../../core/diagram';

// Upper case in the API, as the issue names them; the core's own words inside.
export const DiagramFormatEnum = {
  DOT: 'dot',
  MERMAID: 'mermaid',
  SVG: 'svg',
} as const satisfies Record<string, DiagramFormat>;

registerEnumType(DiagramFormatEnum, {
  name: 'DiagramFormat',
  description: 'How Report.diagram writes the diagram.',
  valuesMap: {
    DOT: { description: 'Graphviz DOT (render with `dot -Tsvg`).' },
    MERMAID: { description: 'A Mermaid flowchart (renders in GitHub and GitLab markdown).' },
    SVG: { description: 'A self-contained SVG image, laid out here.' },
  },
});
