import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { PathwaysResolver } from './pathways.resolver';

@Module({ imports: [CaseGraphModule], providers: [PathwaysResolver] })
export class PathwaysModule {}
