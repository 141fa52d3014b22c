import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { PathwaysResolver } from '../../api/graphql/resolvers/pathways.resolver';

@Module({ imports: [CaseGraphModule], providers: [PathwaysResolver] })
export class PathwaysModule {}
