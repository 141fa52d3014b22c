import { Injectable, Logger } from '@nestjs/common';
import type { NodeKind, Requirement } from '../../core/case-model/case';
import {
  addLink,
  createNode,
  deleteNode,
  removeLink,
  updateNode,
  type LinkType,
  type NodeOfKind,
} from '../../core/case-model/edit-case';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { ChangeOrigin } from '../history/change-origin';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { CaseVersions, type CaseVersion } from './case-versions';
import { CaseService, type WriteOptions } from './case.service';

/**
 * A node (or team) as a write left it: the version the write made and the node's key there. A concurrent
 * delete or rename may have come in between, so the node may no longer be in that version.
 */
export interface WrittenNode {
  readonly version: CaseVersion;
  readonly key: string;
}

/** Create, update, delete and link the nodes of a case; each call is one validated write. */
@Injectable()
export class NodesService {
  private readonly logger = new Logger(NodesService.name);

  constructor(
    private readonly cases: CaseService,
    private readonly versions: CaseVersions,
  ) {}

  async create<K extends NodeKind>(
    reportKey: string,
    kind: K,
    node: NodeOfKind[K],
    write?: WriteOptions,
  ): Promise<WrittenNode> {
    const report = await this.cases.edit(
      reportKey,
      (c) => createNode(c, kind, node),
      undefined,
      write,
    );
    return this.written(report, node.key);
  }

  async update<K extends NodeKind>(
    reportKey: string,
    kind: K,
    key: string,
    patch: Partial<NodeOfKind[K]>,
    origin?: ChangeOrigin,
    write?: WriteOptions,
  ): Promise<WrittenNode> {
    const report = await this.cases.edit(
      reportKey,
      (c) => updateNode(c, kind, key, patch),
      origin,
      write,
    );
    return this.written(report, patch.key ?? key);
  }

  async delete(
    reportKey: string,
    kind: NodeKind,
    key: string,
    write?: WriteOptions,
  ): Promise<boolean> {
    await this.cases.edit(reportKey, (c) => deleteNode(c, kind, key), undefined, write);
    return true;
  }

  async link(
    reportKey: string,
    change: { type: LinkType; from: string; to: string; position?: number; remove?: boolean },
    write?: WriteOptions,
  ): Promise<WrittenNode> {
    const { type, from, to, position, remove } = change;
    const report = await this.cases.edit(
      reportKey,
      (c) => (remove ? removeLink(c, type, from, to) : addLink(c, type, from, to, position)),
      undefined,
      write,
    );
    return this.written(report, from);
  }

  async setStatus<K extends 'mitigation' | 'evidence'>(
    reportKey: string,
    kind: K,
    key: string,
    status: NodeOfKind[K]['status'],
    origin: ChangeOrigin,
    write?: WriteOptions,
  ): Promise<WrittenNode> {
    const node = await this.update(
      reportKey,
      kind,
      key,
      { status } as Partial<NodeOfKind[K]>,
      origin,
      write,
    );
    this.logger.log(
      `${kind} '${key}' in report '${reportKey}' set to ${status} (${origin.source}` +
        `${origin.actor ? `, ${origin.actor}` : ''})${origin.note ? `: ${origin.note}` : ''}`,
    );
    return node;
  }

  private async written(report: ReportEntity, key: string): Promise<WrittenNode> {
    return { version: await this.versions.of(report), key };
  }
}

/** Turns the API's (requires, atLeast) pair into a requirement; undefined when neither is given. */
export function toRequirement(
  requires: Requirement['mode'] | undefined | null,
  atLeast: number | undefined | null,
): Requirement | undefined {
  if ((requires ?? undefined) === undefined && (atLeast ?? undefined) === undefined) {
    return undefined;
  }
  const mode = requires ?? 'atLeast';
  if (mode === 'atLeast') {
    if (atLeast === undefined || atLeast === null) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'requires atLeast needs an atLeast value',
      );
    }
    return { mode, atLeast };
  }
  if (atLeast !== undefined && atLeast !== null) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `atLeast is only meaningful with requires atLeast, not ${mode}`,
    );
  }
  return { mode };
}

/** Drops undefined fields, so that a patch changes only what the input gave. */
export function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
