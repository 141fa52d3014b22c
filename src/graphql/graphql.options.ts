import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import {
  RequestAnalyses,
  type ReportAnalysisService,
} from '../analysis-api/report-analysis.service';
import type { CaseGraphLoaderFactory } from '../case-graph/case-graph.loaders';
import type { AppConfigService } from '../config/app-config.service';
import type { HistoryLoaderFactory } from '../history/history.loader';
import type { GqlContext } from './context';
import { formatGraphQLError } from './error-mapping';
import { queryLimitsPlugin } from './query-limits.plugin';

export function buildGraphQLOptions(
  config: AppConfigService,
  loaders: CaseGraphLoaderFactory,
  analyses: ReportAnalysisService,
  history: HistoryLoaderFactory,
): ApolloDriverConfig {
  return {
    path: '/graphql',
    // The schema is built in memory; `npm run schema` writes schema.gql and a test keeps it in step.
    autoSchemaFile: true,
    sortSchema: true,
    // Apollo's landing page loads from a CDN: the self-contained explorer replaces it.
    playground: false,
    introspection: true,
    // Subscriptions over graphql-ws (the graphql-transport-ws protocol) at the same path.
    subscriptions: { 'graphql-ws': true },
    // No HTTP caching of answers that change with every status update; it also saves a hook per field.
    plugins: [ApolloServerPluginCacheControlDisabled(), queryLimitsPlugin()],
    context: ({ req }: { req: Request }): GqlContext => ({
      req,
      loaders: loaders.create(),
      analyses: new RequestAnalyses(analyses),
      history: history.create(),
    }),
    formatError: (formatted, error) => formatGraphQLError(formatted, error, !config.isProduction),
  };
}
