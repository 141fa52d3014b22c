import type { DiagramNodeState } from './argument-diagram';

export interface StateColours {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
  /** A node that did not hold even before the simulation gets a dashed outline. */
  readonly dashed: boolean;
}

/** Green holds, amber weakened, red broken or failed, grey not holding; the same in every format. */
export const STATE_COLOURS: Record<DiagramNodeState, StateColours> = {
  holds: { fill: '#dcfce7', stroke: '#16a34a', text: '#14532d', dashed: false },
  weakened: { fill: '#fef3c7', stroke: '#d97706', text: '#78350f', dashed: false },
  broken: { fill: '#fee2e2', stroke: '#dc2626', text: '#7f1d1d', dashed: false },
  failed: { fill: '#fecaca', stroke: '#991b1b', text: '#7f1d1d', dashed: false },
  'not-holding': { fill: '#f3f4f6', stroke: '#9ca3af', text: '#4b5563', dashed: true },
};

export const EDGE_COLOUR = '#6b7280';
