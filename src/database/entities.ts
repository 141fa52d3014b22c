import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AccessTokenEntity } from '../auth/access-token.entity';
import { CaseLinkEntity } from '../case-graph/case-link.entity';
import { CaseNodeEntity } from '../case-graph/case-node.entity';
import { StatusChangeEntity } from '../history/status-change.entity';
import { AlertStateEntity } from '../hooks/alert-state.entity';
import { ReportEntity } from '../reports/report.entity';
import { TeamEntity } from '../teams/team.entity';

/** Listed explicitly (not globbed) so one config works under ts-jest, ts-node and dist/. */
export const ENTITIES = [
  ReportEntity,
  TeamEntity,
  CaseNodeEntity,
  CaseLinkEntity,
  StatusChangeEntity,
  AlertStateEntity,
  AccessTokenEntity,
  AuditEntryEntity,
];
