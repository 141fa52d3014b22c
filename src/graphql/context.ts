import type { Request } from 'express';
import type { RequestAnalyses } from '../analysis-api/report-analysis.service';
import type DataLoader from 'dataloader';
import type { CaseGraphLoaders } from '../case-graph/case-graph.loaders';
import type { HistoryPageKey } from '../history/history.loader';
import type { StatusChange } from '../history/status-change.model';

/** What every resolver gets: the request, its own loaders and its memo of report analyses. */
export interface GqlContext {
  readonly req: Request;
  readonly loaders: CaseGraphLoaders;
  readonly analyses: RequestAnalyses;
  readonly history: DataLoader<HistoryPageKey, StatusChange[], string>;
}
