import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { AccessTokenEntity } from '../entities/access-token.entity';
import { CaseLinkEntity } from '../entities/case-link.entity';
import { CaseNodeEntity } from '../entities/case-node.entity';
import { StatusChangeEntity } from '../entities/status-change.entity';
import { AlertStateEntity } from '../entities/alert-state.entity';
import { InformationRequestEntity } from '../entities/information-request.entity';
import { ReportEntity } from '../entities/report.entity';
import {
  FindingEntity,
  FindingReplyEntity,
  ReviewEntity,
  ReviewShareEntity,
} from '../entities/review.entity';
import { ScenarioStepEntity } from '../entities/scenario-step.entity';
import { TeamEntity } from '../entities/team.entity';

/** Listed explicitly (not globbed) so one config works under ts-jest, ts-node and dist/. */
export const ENTITIES = [
  ReportEntity,
  TeamEntity,
  CaseNodeEntity,
  CaseLinkEntity,
  ScenarioStepEntity,
  StatusChangeEntity,
  AlertStateEntity,
  AccessTokenEntity,
  AuditEntryEntity,
  ReviewEntity,
  FindingEntity,
  FindingReplyEntity,
  ReviewShareEntity,
  InformationRequestEntity,
];
