import { registerEnumType } from '@nestjs/graphql';
import {
  CLAIM_KINDS,
  EVIDENCE_SCOPES,
  EVIDENCE_STATUSES,
  MITIGATION_KINDS,
  MITIGATION_STATUSES,
  REPORT_STATES,
  type ClaimKind,
  type EvidenceScope,
  type EvidenceStatus,
  type MitigationKind,
  type MitigationStatus,
  type CaseNodeKind,
  type ReportState,
} from '../../../core/case-model/case';

// GraphQL enum values are the case file's own words (in_place, atLeast, ...): one vocabulary.
export const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ClaimKindEnum = enumOf<ClaimKind>(CLAIM_KINDS);
export const MitigationKindEnum = enumOf<MitigationKind>(MITIGATION_KINDS);
export const MitigationStatusEnum = enumOf<MitigationStatus>(MITIGATION_STATUSES);
export const EvidenceStatusEnum = enumOf<EvidenceStatus>(EVIDENCE_STATUSES);
export const EvidenceScopeEnum = enumOf<EvidenceScope>(EVIDENCE_SCOPES);
export const ReportStateEnum = enumOf<ReportState>(REPORT_STATES);
export const NodeKindEnum = enumOf<CaseNodeKind>([
  'pathway',
  'claim',
  'mitigation',
  'evidence',
  'scenario',
]);
export type RequiresMode = 'all' | 'any' | 'atLeast';
export const RequiresModeEnum = enumOf<RequiresMode>(['all', 'any', 'atLeast']);

registerEnumType(ClaimKindEnum, { name: 'ClaimKind' });
registerEnumType(MitigationKindEnum, { name: 'MitigationKind' });
registerEnumType(MitigationStatusEnum, { name: 'MitigationStatus' });
registerEnumType(EvidenceStatusEnum, { name: 'EvidenceStatus' });
registerEnumType(NodeKindEnum, { name: 'NodeKind' });
registerEnumType(EvidenceScopeEnum, {
  name: 'EvidenceScope',
  description: 'model: about one model, stale in a clone for the next; standing: carries over.',
});
registerEnumType(ReportStateEnum, {
  name: 'ReportState',
  description: 'draft: edited; published: the argument is frozen, statuses live; archived: frozen.',
});
registerEnumType(RequiresModeEnum, {
  name: 'RequiresMode',
  description:
    'How many supports must hold: all, any (at least one), or atLeast (see the atLeast field).',
});

/** The formats a report exports to: the case file (SPEC §2) or Open-PSA MEF (SPEC §9). */
export const CaseExportFormatEnum = { YAML: 'yaml', OPEN_PSA_MEF: 'mef' } as const;
export type CaseExportFormat = (typeof CaseExportFormatEnum)[keyof typeof CaseExportFormatEnum];
registerEnumType(CaseExportFormatEnum, {
  name: 'CaseExportFormat',
  description:
    'YAML: the case file (loadbearing/v1). OPEN_PSA_MEF: a fault tree per pathway, as SCRAM reads it.',
});
