import type { Request } from 'express';
import type { CaseGraphLoaders } from '../case-graph/case-graph.loaders';

/** What every resolver gets: the request and this request's own loaders. */
export interface GqlContext {
  readonly req: Request;
  readonly loaders: CaseGraphLoaders;
}
