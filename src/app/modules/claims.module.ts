import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { ClaimsResolver } from '../../api/graphql/resolvers/claims.resolver';

@Module({ imports: [CaseGraphModule], providers: [ClaimsResolver] })
export class ClaimsModule {}
