import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from './modules/audit.module';
import { AccessChecker } from '../api/auth/access-checker';
import { AuthModule } from './modules/auth.module';
import { TokensService } from '../case/auth/tokens.service';
import { AnalysisApiModule } from './modules/analysis-api.module';
import { ReportAnalysisService } from '../case/analysis/report-analysis.service';
import { ClaimsModule } from './modules/claims.module';
import { InputValidationPipe } from '../api/graphql/shared/input-validation.pipe';
import { AppConfigService } from '../storage/config/app-config.service';
import { AppConfigModule } from '../storage/config/config.module';
import { DatabaseModule } from '../storage/database/database.module';
import { RepositoriesModule } from '../storage/repositories/repositories.module';
import { DiagramApiModule } from './modules/diagram-api.module';
import { EvidenceModule } from './modules/evidence.module';
import { DomainErrorFilter } from '../api/graphql/shared/domain-error.filter';
import { FreshAfterWriteInterceptor } from '../api/graphql/resolvers/fresh-after-write.interceptor';
import { buildGraphQLOptions } from '../api/graphql/server/graphql.options';
import { HealthController } from '../api/http/health.controller';
import { HistoryLoaderFactory } from '../api/graphql/context/history.loader';
import { HistoryModule } from './modules/history.module';
import { HooksModule } from './modules/hooks.module';
import { MetricsModule } from './modules/metrics.module';
import { EventsModule } from './modules/events.module';
import { MitigationsModule } from './modules/mitigations.module';
import { PathwaysModule } from './modules/pathways.module';
import { ReportsModule } from './modules/reports.module';
import { ReviewsModule } from './modules/reviews.module';
import { TeamsModule } from './modules/teams.module';
import { CurrentVersions } from '../case/validity/current-versions';
import { ValidityModule } from './modules/validity.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RepositoriesModule,
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
    ReviewsModule,
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
