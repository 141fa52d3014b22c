import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { MitigationsResolver } from './mitigations.resolver';

@Module({ imports: [CaseGraphModule], providers: [MitigationsResolver] })
export class MitigationsModule {}
