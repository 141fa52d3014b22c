import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { EventsResolver } from '../../api/graphql/resolvers/events.resolver';

/** Live updates: GraphQL subscriptions over graphql-ws. */
@Module({ imports: [CaseGraphModule], providers: [EventsResolver] })
export class EventsModule {}
