import { useState } from 'preact/hooks';
import type { Simulation } from '../app';
import { gql } from '../api';
import {
  DIAGRAM,
  PATHWAY_LIST,
  type DiagramData,
  type DiagramFormat,
  type PathwayListData,
} from '../queries';
import type { FindingsMode } from '../route';
import { useQuery } from '../use-query';

const DOWNLOADS: Record<DiagramFormat, { extension: string; type: string }> = {
  SVG: { extension: 'svg', type: 'image/svg+xml' },
  DOT: { extension: 'dot', type: 'text/vnd.graphviz' },
  MERMAID: { extension: 'mmd', type: 'text/plain' },
};

/**
 * A pathway's argument, drawn by the service (`Report.diagram`, the same drawing the downloads
 * give) with the current simulation applied. Clicking a mitigation or evidence node fails it.
 */
export function DiagramView(props: {
  report: string;
  pathway?: string;
  onPathway(pathway: string): void;
  refresh: number;
  simulation: Simulation;
  findings: FindingsMode;
}) {
  const pathways = useQuery<PathwayListData>(
    PATHWAY_LIST,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  const pathway = props.pathway ?? pathways.data?.report?.pathways[0]?.key;
  const variables = {
    report: props.report,
    pathway,
    format: 'SVG',
    failed: props.simulation.failed,
    findings: props.findings,
  };
  const diagram = useQuery<DiagramData>(DIAGRAM, variables, props.refresh, !pathway);
  // Wide arguments are read at full size (scrolling); "fit" shows the whole shape at once.
  const [fit, setFit] = useState(false);

  const download = async (format: DiagramFormat) => {
    const data = await gql<DiagramData>(DIAGRAM, { ...variables, format });
    const { extension, type } = DOWNLOADS[format];
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data.report?.diagram ?? ''], { type }));
    link.download = `${props.report}-${pathway}.${extension}`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const onClick = (e: MouseEvent) => {
    const node = (e.target as Element).closest('[data-key]');
    const kind = node?.getAttribute('data-kind');
    if (node && (kind === 'mitigation' || kind === 'evidence')) {
      props.simulation.toggle(node.getAttribute('data-key')!);
    }
  };

  return (
    <section data-testid="diagram">
      <h1>Argument diagram</h1>
      <div class="filters">
        <select
          aria-label="Pathway"
          value={pathway}
          onChange={(e) => props.onPathway(e.currentTarget.value)}
          data-testid="pathway-select"
        >
          {pathways.data?.report?.pathways.map((p) => (
            <option key={p.key} value={p.key}>
              {p.title}
            </option>
          ))}
        </select>
        {(Object.keys(DOWNLOADS) as DiagramFormat[]).map((format) => (
          <button
            key={format}
            onClick={() => void download(format)}
            data-testid={`download-${format}`}
          >
            Download {format === 'MERMAID' ? 'Mermaid' : format}
          </button>
        ))}
      </div>
      <label class="small">
        <input type="checkbox" checked={fit} onChange={(e) => setFit(e.currentTarget.checked)} />{' '}
        fit to width
      </label>
      <p class="muted small">Click a mitigation or evidence node to simulate its failure.</p>
      {diagram.error && <p class="error">{diagram.error.message}</p>}
      {diagram.data?.report && (
        <div
          class={fit ? 'diagram fit' : 'diagram'}
          data-testid="diagram-svg"
          onClick={onClick}
          // The service escapes every text it puts in the SVG; this is its own drawing.
          dangerouslySetInnerHTML={{ __html: diagram.data.report.diagram }}
        />
      )}
    </section>
  );
}
