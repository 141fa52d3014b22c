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
 * One model per entity: a request's loaders hand out each node once, and the same claim listed
 * under many parents then maps once. Entities live for one request, and so do these entries.
 */
const models = new WeakMap<CaseNodeEntity, AnyNodeModel>();

/** Maps a stored node to its API model, by kind. */
export function toNodeModel(e: CaseNodeEntity): AnyNodeModel {
  let model = models.get(e);
  if (!model) {
    model = mapNode(e);
    models.set(e, model);
  }
  return model;
}

function mapNode(e: CaseNodeEntity): AnyNodeModel {
  const base = { id: e.id, reportId: e.reportId, key: e.key, description: e.description };
  switch (e.kind) {
    case 'pathway':
      return Object.assign(new Pathway(), base, {
        nodeKind: e.kind,
        title: e.text,
        requires: e.requiresMode ?? 'all',
        atLeast: e.requiresAtLeast,
      });
    case 'claim':
      return Object.assign(new Claim(), base, {
        nodeKind: e.kind,
        statement: e.text,
        kind: e.category as ClaimKind,
        requires: e.requiresMode ?? 'all',
        atLeast: e.requiresAtLeast,
        assumed: e.assumed,
      });
    case 'mitigation':
      return Object.assign(new Mitigation(), base, {
        nodeKind: e.kind,
        title: e.text,
        kind: e.category as MitigationKind,
        status: e.status as MitigationStatus,
        teamId: e.teamId,
        effort: e.effort,
      });
    case 'evidence':
      return Object.assign(new Evidence(), base, {
        nodeKind: e.kind,
        title: e.text,
        status: e.status as EvidenceStatus,
        validUntil: e.validUntil ? new Date(e.validUntil) : null,
      });
  }
}
