import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { CurrentVersions } from './current-versions';
import { EvidenceExpiryService } from './evidence-expiry.service';
import { ValidityResolver } from './validity.resolver';

/** Validity windows of evidence. */
@Module({
  imports: [CaseGraphModule],
  providers: [EvidenceExpiryService, CurrentVersions, ValidityResolver],
  exports: [EvidenceExpiryService, CurrentVersions],
})
export class ValidityModule {}
