import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { CurrentVersions } from '../../case/validity/current-versions';
import { EvidenceExpiryService } from '../../case/validity/evidence-expiry.service';
import { ValidityResolver } from '../../api/graphql/resolvers/validity.resolver';

/** Validity windows of evidence. */
@Module({
  imports: [CaseGraphModule],
  providers: [EvidenceExpiryService, CurrentVersions, ValidityResolver],
  exports: [EvidenceExpiryService, CurrentVersions],
})
export class ValidityModule {}
