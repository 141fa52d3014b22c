import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { EvidenceExpiryService } from './evidence-expiry.service';
import { ValidityResolver } from './validity.resolver';

/** Validity windows of evidence. */
@Module({
  imports: [CaseGraphModule],
  providers: [EvidenceExpiryService, ValidityResolver],
  exports: [EvidenceExpiryService],
})
export class ValidityModule {}
