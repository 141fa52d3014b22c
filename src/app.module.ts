import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from './audit/audit.module';
import { AccessChecker } from './auth/access-checker';
import { AuthModule } from './auth/auth.module';
import { TokensService } from './auth/tokens.service';
import { AnalysisApiModule } from './analysis-api/analysis-api.module';
import { ReportAnalysisService } from './analysis-api/report-analysis.service';
import { ClaimsModule } from './claims/claims.module';
import { InputValidationPipe } from './common/input-validation.pipe';
import { AppConfigService } from './config/app-config.service';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DiagramApiModule } from './diagram-api/diagram-api.module';
import { EvidenceModule } from './evidence/evidence.module';
import { DomainErrorFilter } from './graphql/domain-error.filter';
import { FreshAfterWriteInterceptor } from './graphql/fresh-after-write.interceptor';
import { buildGraphQLOptions } from './graphql/graphql.options';
import { HealthController } from './health/health.controller';
import { HistoryLoaderFactory } from './history/history.loader';
import { HistoryModule } from './history/history.module';
import { HooksModule } from './hooks/hooks.module';
import { MetricsModule } from './metrics/metrics.module';
import { EventsModule } from './events/events.module';
import { MitigationsModule } from './mitigations/mitigations.module';
import { PathwaysModule } from './pathways/pathways.module';
import { ReportsModule } from './reports/reports.module';
import { TeamsModule } from './teams/teams.module';
import { CurrentVersions } from './validity/current-versions';
import { ValidityModule } from './validity/validity.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    AuthModule,
    AuditModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ValidityModule, AnalysisApiModule, HistoryModule, AuthModule],
      inject: [
        AppConfigService,
        CurrentVersions,
        ReportAnalysisService,
        HistoryLoaderFactory,
        TokensService,
        AccessChecker,
      ],
      useFactory: buildGraphQLOptions,
    }),
    ReportsModule,
    TeamsModule,
    PathwaysModule,
    ClaimsModule,
    MitigationsModule,
    EvidenceModule,
    AnalysisApiModule,
    DiagramApiModule,
    HistoryModule,
    HooksModule,
    MetricsModule,
    EventsModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useValue: new InputValidationPipe({ whitelist: true, transform: true }) },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: FreshAfterWriteInterceptor },
  ],
})
export class AppModule {}
