import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AnalysisResolver } from '../resolvers/analysis.resolver';
import { AuditResolver } from '../resolvers/audit.resolver';
import { AccessTokensResolver } from '../resolvers/access-tokens.resolver';
import {
  ClaimAnalysisResolver,
  EvidenceAnalysisResolver,
  MitigationAnalysisResolver,
  PathwayAnalysisResolver,
  ResponseChainAnalysisResolver,
  ScenarioAnalysisResolver,
} from '../resolvers/node-analysis.resolvers';
import { ClaimsResolver } from '../resolvers/claims.resolver';
import {
  ClaimProbabilityResolver,
  ImportanceResolver,
  PathwayProbabilityResolver,
} from '../resolvers/quantitative.resolver';
import { DiagramResolver } from '../resolvers/diagram.resolver';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from '../resolvers/history.resolvers';
import { EvidenceResolver } from '../resolvers/evidence.resolver';
import { MitigationsResolver } from '../resolvers/mitigations.resolver';
import { PathwaysResolver } from '../resolvers/pathways.resolver';
import { ReportsResolver } from '../resolvers/reports.resolver';
import { ValidityResolver } from '../resolvers/validity.resolver';
import { EventsResolver } from '../resolvers/events.resolver';
import { TeamsResolver } from '../resolvers/teams.resolver';
import { IterationResolver } from '../resolvers/iteration.resolver';
import { GATHERING_RESOLVERS } from '../resolvers/gathering.resolver';
import { REQUEST_RESOLVERS } from '../resolvers/requests.resolver';
import { ReviewEventsResolver } from '../resolvers/review-events.resolver';
import { REVIEW_RESOLVERS } from '../resolvers/reviews.resolver';
import { SCALARS_MAP } from '../scalars/date-time.scalar';

/** Every resolver of the API; the schema is built from these alone, with no database. */
export const RESOLVERS = [
  ReportsResolver,
  TeamsResolver,
  PathwaysResolver,
  ClaimsResolver,
  MitigationsResolver,
  EvidenceResolver,
  AnalysisResolver,
  PathwayAnalysisResolver,
  ClaimAnalysisResolver,
  MitigationAnalysisResolver,
  EvidenceAnalysisResolver,
  ScenarioAnalysisResolver,
  ResponseChainAnalysisResolver,
  PathwayProbabilityResolver,
  ClaimProbabilityResolver,
  ImportanceResolver,
  ReportHistoryResolver,
  MitigationHistoryResolver,
  EvidenceHistoryResolver,
  ValidityResolver,
  EventsResolver,
  DiagramResolver,
  AccessTokensResolver,
  AuditResolver,
  IterationResolver,
  ...REVIEW_RESOLVERS,
  ...REQUEST_RESOLVERS,
  ...GATHERING_RESOLVERS,
  ReviewEventsResolver,
];

const HEADER =
  '# ------------------------------------------------------\n# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)\n# Regenerate with `npm run schema`.\n# ------------------------------------------------------\n\n';

/** The schema's SDL, sorted, as committed in schema.gql. */
export async function buildSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS, { scalarsMap: SCALARS_MAP });
  await app.close();
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
