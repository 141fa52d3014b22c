import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { ClaimsResolver } from './claims.resolver';

@Module({ imports: [CaseGraphModule], providers: [ClaimsResolver] })
export class ClaimsModule {}
