// Argument diagrams: one pathway's argument as DOT, Mermaid or SVG. Pure TypeScript, like
// src/analysis, whose results it draws.
export {
  buildArgumentDiagram,
  DIAGRAM_NODE_STATES,
  type ArgumentDiagram,
  type DiagramEdge,
  type DiagramMargin,
  type DiagramNode,
  type DiagramNodeKind,
  type DiagramNodeState,
} from './argument-diagram';
export { DIAGRAM_FORMATS, renderArgumentDiagram, type DiagramFormat } from './render-diagram';
