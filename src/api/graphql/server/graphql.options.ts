import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import {
  RequestAnalyses,
  type ReportAnalysisService,
} from '../../../case/analysis/report-analysis.service';
import { attachAnalysisFieldResolvers } from '../resolvers/node-analysis.resolvers';
import { attachLinkFieldResolvers } from '../resolvers/link-fields';
import type { AccessChecker } from '../../auth/access-checker';
import { RequestAuth } from '../../../case/auth/request-auth';
import { authorizationParam, checkSubscription } from '../../auth/subscription-access';
import type { TokensService } from '../../../case/auth/tokens.service';
import type { AppConfigService } from '../../../storage/config/app-config.service';
import type { HistoryLoaderFactory } from '../context/history.loader';
import type { CurrentVersions } from '../../../case/validity/current-versions';
import type { GqlContext } from '../context/context';
import { formatGraphQLError } from '../shared/error-mapping';
import { attachRedaction } from '../resolvers/redaction';
import { QUERY_LIMITS, queryLimitsPlugin } from '../shared/query-limits.plugin';
import { rateLimitPlugin } from './rate-limit.plugin';
import { SCALARS_MAP } from '../scalars/date-time.scalar';

export function buildGraphQLOptions(
  config: AppConfigService,
  current: CurrentVersions,
  analyses: ReportAnalysisService,
  history: HistoryLoaderFactory,
  tokens: TokensService,
  checker: AccessChecker,
): ApolloDriverConfig {
  /** The schema as served (set by transformSchema), for checking operations over WebSocket. */
  let executableSchema: GraphQLSchema | undefined;
  return {
    path: '/graphql',
    // The schema is built in memory; `npm run schema` writes schema.gql and a test keeps it in step.
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: SCALARS_MAP },
    // Apollo's landing page loads from a CDN: the self-contained explorer replaces it.
    playground: false,
    // GRAPHQL_INTROSPECTION: on by default outside production.
    introspection: config.introspection,
    // Stack traces only in development; production answers hide internal details altogether.
    includeStacktraceInErrorResponses: config.isDevelopment,
    // A case file is a variable's value, not tokens; no legitimate document comes near this.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // The hottest fields of nested queries resolve outside Nest's per-call wrapper (see there).
    // …and the fields that carry a node's text are redacted for tokens without clearance.
    transformSchema: (schema) =>
      (executableSchema = attachRedaction(
        attachAnalysisFieldResolvers(attachLinkFieldResolvers(schema)),
      )),
    // Subscriptions over graphql-ws (the graphql-transport-ws protocol) at the same path.
    // The token comes in the connection's `authorization` parameter (browsers cannot set headers
    // on a WebSocket); each subscription is checked by the policy as it starts.
    subscriptions: {
      'graphql-ws': {
        onSubscribe: (ctx, _id, payload) =>
          checkSubscription(checker, tokens, executableSchema!, ctx.connectionParams, payload),
      },
    },
    // No HTTP caching of answers that change with every status update; it also saves a hook per field.
    // Batched requests (a JSON array) are refused: Apollo's allowBatchedHttpRequests stays off.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      rateLimitPlugin(config.rateLimitPerMinute),
      queryLimitsPlugin(),
    ],
    context: ({ req, connectionParams }: ContextSource): GqlContext => {
      const reports = current.forRequest({ memoise: req !== undefined });
      const auth = new RequestAuth(
        tokens,
        req?.headers.authorization ?? authorizationParam(connectionParams),
      );
      return {
        req,
        auth,
        reports,
        analyses: new RequestAnalyses(analyses, reports, () => auth.reviewScope()),
        history: history.create(reports),
      };
    },
    formatError: (formatted, error) => formatGraphQLError(formatted, error, !config.isProduction),
  };
}

/** An HTTP request's, or a graphql-ws connection's (which has no `req`), context source. */
interface ContextSource {
  req?: Request;
  connectionParams?: Readonly<Record<string, unknown>>;
}
