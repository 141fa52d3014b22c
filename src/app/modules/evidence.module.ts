import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { EvidenceResolver } from '../../api/graphql/resolvers/evidence.resolver';

@Module({ imports: [CaseGraphModule], providers: [EvidenceResolver] })
export class EvidenceModule {}
