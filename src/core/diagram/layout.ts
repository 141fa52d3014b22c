import * as dagre from '@dagrejs/dagre';

/**
 * The part of dagre's API used here, typed here: dagre 3's bundled .d.ts files import each other
 * without file extensions, which `moduleResolution: nodenext` does not resolve, so the package
 * reaches TypeScript as `any`.
 */
interface DagreGraph {
  setGraph(label: { rankdir: 'TB'; nodesep: number; ranksep: number; edgesep: number }): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(key: string, label: { width: number; height: number }): void;
  setEdge(from: string, to: string): void;
  graph(): { width: number; height: number };
  node(key: string): { x: number; y: number; width: number; height: number };
  edge(from: string, to: string): { points: Point[] };
}

const { graphlib, layout } = dagre as unknown as {
  graphlib: { Graph: new () => DagreGraph };
  layout: (graph: DagreGraph) => void;
};

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  /** The top-left corner of each node's box. */
  readonly nodes: ReadonlyMap<string, Point>;
  /** Each edge's polyline, in the order the edges were given. */
  readonly edges: readonly (readonly Point[])[];
}

/** A layered top-to-bottom layout; dagre is deterministic, so the same input gives the same layout. */
export function layoutGraph({
  nodes,
  edges,
}: {
  readonly nodes: readonly {
    readonly key: string;
    readonly width: number;
    readonly height: number;
  }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}): GraphLayout {
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 20, ranksep: 56, edgesep: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const { key, width, height } of nodes) g.setNode(key, { width, height });
  for (const { from, to } of edges) g.setEdge(from, to);
  layout(g);
  return {
    width: g.graph().width,
    height: g.graph().height,
    nodes: new Map(
      nodes.map(({ key }) => {
        const box = g.node(key);
        return [key, { x: box.x - box.width / 2, y: box.y - box.height / 2 }];
      }),
    ),
    edges: edges.map(({ from, to }) => g.edge(from, to).points),
  };
}
