import type {
  ClaimKind,
  EvidenceStatus,
  MitigationKind,
  MitigationStatus,
} from '../case-model/case';
import { Claim } from '../claims/claim.model';
import { Evidence } from '../evidence/evidence.model';
import { Mitigation } from '../mitigations/mitigation.model';
import { Pathway } from '../pathways/pathway.model';
import type { CaseNodeEntity } from './case-node.entity';

export type AnyNodeModel = Pathway | Claim | Mitigation | Evidence;

/**
 * A stored node's columns: an entity, or a raw row selected under the entity's property names
 * (the request loaders map rows straight to models, without an entity in between).
 */
export type StoredNode = Pick<
  CaseNodeEntity,
  | 'id'
  | 'reportId'
  | 'kind'
  | 'key'
  | 'text'
  | 'description'
  | 'restricted'
  | 'category'
  | 'requiresMode'
  | 'requiresAtLeast'
  | 'assumed'
  | 'status'
  | 'teamId'
  | 'effort'
> & { validUntil: string | Date | null };

/** Maps a stored node to its API model, by kind. */
export function toNodeModel(e: StoredNode): AnyNodeModel {
  switch (e.kind) {
    case 'pathway':
      return Object.assign(new Pathway(), {
        id: e.id,
        reportId: e.reportId,
        key: e.key,
        description: e.description,
        restricted: e.restricted,
        nodeKind: e.kind,
        title: e.text,
        requires: e.requiresMode ?? 'all',
        atLeast: e.requiresAtLeast,
      });
    case 'claim':
      return Object.assign(new Claim(), {
        id: e.id,
        reportId: e.reportId,
        key: e.key,
        description: e.description,
        restricted: e.restricted,
        nodeKind: e.kind,
        statement: e.text,
        kind: e.category as ClaimKind,
        requires: e.requiresMode ?? 'all',
        atLeast: e.requiresAtLeast,
        assumed: e.assumed,
      });
    case 'mitigation':
      return Object.assign(new Mitigation(), {
        id: e.id,
        reportId: e.reportId,
        key: e.key,
        description: e.description,
        restricted: e.restricted,
        nodeKind: e.kind,
        title: e.text,
        kind: e.category as MitigationKind,
        status: e.status as MitigationStatus,
        teamId: e.teamId,
        effort: e.effort,
      });
    case 'evidence':
      return Object.assign(new Evidence(), {
        id: e.id,
        reportId: e.reportId,
        key: e.key,
        description: e.description,
        restricted: e.restricted,
        nodeKind: e.kind,
        title: e.text,
        status: e.status as EvidenceStatus,
        validUntil: e.validUntil ? new Date(e.validUntil) : null,
      });
  }
}
