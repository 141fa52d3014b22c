import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { MitigationsResolver } from '../../api/graphql/resolvers/mitigations.resolver';

@Module({ imports: [CaseGraphModule], providers: [MitigationsResolver] })
export class MitigationsModule {}
