import type { Request } from 'express';
import type { RequestAuth } from '../../../case/auth/request-auth';
import type { RequestAnalyses } from '../../../case/analysis/report-analysis.service';
import type DataLoader from 'dataloader';
import type { RequestReports } from '../../../case/validity/current-versions';
import type { HistoryPageKey } from './history.loader';
import type { StatusChange } from '../models/status-change.model';

/** What every resolver gets: the request, its memos of reports and analyses, its loaders. */
export interface GqlContext {
  /** Absent on a WebSocket (subscriptions). */
  readonly req?: Request;
  /** Who is asking: the bearer token of the request or the WebSocket connection. */
  readonly auth: RequestAuth;
  /** Each report's current version, read once per request: nodes, links and teams come from it. */
  readonly reports: RequestReports;
  readonly analyses: RequestAnalyses;
  readonly history: DataLoader<HistoryPageKey, StatusChange[], string>;
}
