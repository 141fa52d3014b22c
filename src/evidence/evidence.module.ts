import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { EvidenceResolver } from './evidence.resolver';

@Module({ imports: [CaseGraphModule], providers: [EvidenceResolver] })
export class EvidenceModule {}
