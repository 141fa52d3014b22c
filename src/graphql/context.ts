import type { Request } from 'express';
import type { RequestAuth } from '../auth/request-auth';
import type { RequestAnalyses } from '../analysis-api/report-analysis.service';
import type DataLoader from 'dataloader';
import type { CaseGraphLoaders } from '../case-graph/case-graph.loaders';
import type { HistoryPageKey } from '../history/history.loader';
import type { StatusChange } from '../history/status-change.model';

/** What every resolver gets: the request, its own loaders and its memo of report analyses. */
export interface GqlContext {
  /** Absent on a WebSocket (subscriptions). */
  readonly req?: Request;
  /** Who is asking: the bearer token of the request or the WebSocket connection. */
  readonly auth: RequestAuth;
  readonly loaders: CaseGraphLoaders;
  readonly analyses: RequestAnalyses;
  readonly history: DataLoader<HistoryPageKey, StatusChange[], string>;
}
