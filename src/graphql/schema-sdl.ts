import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AnalysisResolver } from '../analysis-api/analysis.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { AccessTokensResolver } from '../auth/access-tokens.resolver';
import {
  ClaimAnalysisResolver,
  EvidenceAnalysisResolver,
  MitigationAnalysisResolver,
  PathwayAnalysisResolver,
} from '../analysis-api/node-analysis.resolvers';
import { ClaimsResolver } from '../claims/claims.resolver';
import { DiagramResolver } from '../diagram-api/diagram.resolver';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from '../history/history.resolvers';
import { EvidenceResolver } from '../evidence/evidence.resolver';
import { MitigationsResolver } from '../mitigations/mitigations.resolver';
import { PathwaysResolver } from '../pathways/pathways.resolver';
import { ReportsResolver } from '../reports/reports.resolver';
import { ValidityResolver } from '../validity/validity.resolver';
import { EventsResolver } from '../events/events.resolver';
import { TeamsResolver } from '../teams/teams.resolver';

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
  ReportHistoryResolver,
  MitigationHistoryResolver,
  EvidenceHistoryResolver,
  ValidityResolver,
  EventsResolver,
  DiagramResolver,
  AccessTokensResolver,
  AuditResolver,
];

const HEADER =
  '# ------------------------------------------------------\n# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)\n# Regenerate with `npm run schema`.\n# ------------------------------------------------------\n\n';

/** The schema's SDL, sorted, as committed in schema.gql. */
export async function buildSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
  await app.close();
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
