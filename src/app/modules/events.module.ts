import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { HistoryModule } from './history.module';
import { EventsResolver } from '../../api/graphql/resolvers/events.resolver';

/** Live updates: GraphQL subscriptions over graphql-ws. */
@Module({ imports: [CaseGraphModule, HistoryModule], providers: [EventsResolver] })
export class EventsModule {}
