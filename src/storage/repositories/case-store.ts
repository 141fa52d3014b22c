import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../database/transactions';
import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  CaseScenario,
  CaseStep,
  ClaimKind,
  EvidenceStatus,
  MitigationKind,
  MitigationStatus,
  CaseNodeKind,
  Requirement,
} from '../../core/case-model/case';
import { diffStatuses, onlyStatusesDiffer } from '../../core/case-model/status-changes';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import { StatusChangeEntity } from '../entities/status-change.entity';
import { ReportEntity } from '../entities/report.entity';
import { TeamEntity } from '../entities/team.entity';
import { CaseLinkEntity, type LinkType } from '../entities/case-link.entity';
import { CaseNodeEntity } from '../entities/case-node.entity';
import { ScenarioStepEntity } from '../entities/scenario-step.entity';
import { insertRows } from './bulk-insert';

export type ReportRef = { key: string } | { id: string };

/** A report row's own fields, as a write sets them. */
export type ReportFields = Pick<
  ReportEntity,
  'key' | 'title' | 'model' | 'previousKey' | 'description' | 'state'
>;

/** The report table's columns under ReportEntity's property names. */
const REPORT_COLUMNS = `id, key, title, model, previous_key AS "previousKey", description, state, version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export function reportNotFound(ref: string | ReportRef): DomainError {
  const name =
    typeof ref === 'string' ? `'${ref}'` : 'id' in ref ? `with id ${ref.id}` : `'${ref.key}'`;
  return new DomainError(DomainErrorCode.REPORT_NOT_FOUND, `no report ${name}`);
}

/** A case as stored: the case itself plus the row ids behind its keys. */
export interface StoredCase {
  readonly report: ReportEntity;
  readonly case: Case;
  readonly nodeIds: ReadonlyMap<string, string>;
  readonly teamIds: ReadonlyMap<string, string>;
}

/** A history row of a status change. */
export type StatusChangeRow = Omit<StatusChangeEntity, 'seq' | 'changedAt' | 'report'>;

/** See CaseStore.writeStatusesIfAt. */
export interface StatusWrite {
  readonly expected: number;
  readonly version: number;
  readonly statuses: readonly { readonly nodeId: string; readonly status: string }[];
  /** In order, each with the version its write made. */
  readonly history: readonly (StatusChangeRow & { readonly version: number })[];
  /** The status events' NOTIFY channel on a server; null on embedded PGlite. */
  readonly channel: string | null;
}

/**
 * Reads and writes whole cases. Every method takes the caller's EntityManager: writes run inside
 * one transaction, and on embedded PGlite (a single session) nothing may bypass it.
 */
@Injectable()
export class CaseStore {
  /** A report row by key or row id, or null; `lock` takes the row's write lock. One query. */
  async findReportRow(
    tx: Tx,
    ref: string | ReportRef,
    options: { lock?: boolean } = {},
  ): Promise<ReportEntity | null> {
    const em = managerOf(tx);
    const [column, value] =
      typeof ref === 'string' ? ['key', ref] : 'id' in ref ? ['id', ref.id] : ['key', ref.key];
    const rows = await em.query<ReportEntity[]>(
      `SELECT ${REPORT_COLUMNS} FROM report WHERE ${column} = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [value],
    );
    return rows[0] ?? null;
  }

  /** As findReportRow; a report that does not exist is REPORT_NOT_FOUND. */
  async findReport(
    tx: Tx,
    ref: string | ReportRef,
    options: { lock?: boolean } = {},
  ): Promise<ReportEntity> {
    const report = await this.findReportRow(tx, ref, options);
    if (!report) throw reportNotFound(ref);
    return report;
  }

  /** Writes the report's own fields and its new version; returns the row as written. */
  async saveReport(
    tx: Tx,
    id: string,
    fields: ReportFields,
    version: number,
  ): Promise<ReportEntity> {
    const em = managerOf(tx);
    const [rows] = await em.query<[ReportEntity[], number]>(
      `UPDATE report SET key = $2, title = $3, model = $4, previous_key = $5, description = $6,
         state = $8, version = $7, updated_at = now() WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
      [
        id,
        fields.key,
        fields.title,
        fields.model,
        fields.previousKey,
        fields.description,
        version,
        fields.state,
      ],
    );
    return rows[0];
  }

  /**
   * A batch of status changes in one statement, written only if the report is still at
   * `expected` (the statement takes the report row's lock, as a transaction would): the report
   * row at `version`, the new statuses, the history rows in order (their seqs follow it) and, on
   * a server, the status events' NOTIFY, which go out with the statement's commit. Returns the
   * row as written and the history rows' seqs, or null when the report has moved on or is gone:
   * then nothing is written.
   */
  async writeStatusesIfAt(
    tx: Tx,
    reportId: string,
    w: StatusWrite,
  ): Promise<{ report: ReportEntity; seqs: string[] } | null> {
    const em = managerOf(tx);
    const notify = w.channel !== null;
    const h = w.history;
    const params: unknown[] = [
      reportId,
      w.version,
      w.expected,
      w.statuses.map((s) => s.nodeId),
      w.statuses.map((s) => s.status),
      h.map((r) => r.nodeKey),
      h.map((r) => r.nodeKind),
      h.map((r) => r.fromStatus),
      h.map((r) => r.toStatus),
      h.map((r) => r.source),
      h.map((r) => r.actor),
      h.map((r) => r.note),
    ];
    if (notify) {
      params.push(
        h.map((r) => r.version),
        w.channel,
      );
    }
    // One event per version, in version order, each with its rows' first and last seq (the
    // rows' order is their seqs' order, which row_number recovers).
    const events = `, events AS (
        SELECT v.version, min(s.seq) AS from_seq, max(s.seq) AS to_seq
        FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM history) s
        JOIN unnest($13::int[]) WITH ORDINALITY AS v(version, n) ON v.n = s.n
        GROUP BY v.version
      ), notified AS (
        SELECT pg_notify($14, json_build_object('reportId', e.id, 'reportKey', e.key,
          'version', e.version, 'fromSeq', e.from_seq::text, 'toSeq', e.to_seq::text)::text)
        FROM (SELECT events.*, written.id, written.key FROM events, written
              ORDER BY events.version OFFSET 0) e
      )`;
    const rows = await em.query<(ReportEntity & { seqs: string[]; notified?: string })[]>(
      `WITH written AS (
         UPDATE report SET version = $2, updated_at = now() WHERE id = $1 AND version = $3
         RETURNING ${REPORT_COLUMNS}
       ), nodes AS (
         UPDATE case_node n SET status = c.status
         FROM unnest($4::uuid[], $5::text[]) AS c(id, status), written WHERE n.id = c.id
         RETURNING n.id
       ), history AS (
         INSERT INTO status_change
           (report_id, node_key, node_kind, from_status, to_status, source, actor, note)
         SELECT written.id, h.node_key, h.node_kind, h.from_status, h.to_status, h.source,
                h.actor, h.note
         FROM written, unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                              $11::text[], $12::text[])
           WITH ORDINALITY AS h(node_key, node_kind, from_status, to_status, source, actor, note, n)
         ORDER BY h.n
         RETURNING seq
       )${notify ? events : ''}
       SELECT written.*, ARRAY(SELECT seq::text FROM history ORDER BY seq) AS seqs
              ${notify ? ', (SELECT count(*) FROM notified) AS notified' : ''}
       FROM written`,
      params,
    );
    if (rows.length === 0) return null;
    // `notified` is there only so that the NOTIFYs run.
    const { seqs, notified, ...report } = rows[0];
    void notified;
    return { report, seqs };
  }

  /** Loads a report's whole case in four queries. */
  async load(tx: Tx, report: ReportEntity): Promise<StoredCase> {
    const em = managerOf(tx);
    // Sequential: inside a transaction they share one connection anyway.
    const where = { reportId: report.id };
    const order = { position: 'ASC' } as const;
    const teams = await em.getRepository(TeamEntity).find({ where, order });
    const nodes = await em.getRepository(CaseNodeEntity).find({ where, order });
    const links = await em.getRepository(CaseLinkEntity).find({ where, order });
    const steps = await em.getRepository(ScenarioStepEntity).find({
      where,
      order: { chainIndex: 'ASC', stepIndex: 'ASC' },
    });
    const keyById = new Map(nodes.map((n) => [n.id, n.key]));
    const teamKeyById = new Map(teams.map((t) => [t.id, t.key]));
    const lists = new Map<string, string[]>();
    for (const link of links) {
      const listKey = `${link.type}:${link.fromId}`;
      const list = lists.get(listKey) ?? [];
      list.push(keyById.get(link.toId)!);
      lists.set(listKey, list);
    }
    const listOf = (type: LinkType, id: string) => lists.get(`${type}:${id}`) ?? [];
    const ofKind = (kind: CaseNodeKind) => nodes.filter((n) => n.kind === kind);
    const scenarios = ofKind('scenario').map((n) => toScenario(n, steps));
    const c: Case = {
      report: {
        key: report.key,
        title: report.title,
        model: report.model,
        previous: report.previousKey,
        description: report.description,
        ...(report.state !== 'draft' ? { state: report.state } : {}),
      },
      teams: teams.map((t) => ({ key: t.key, name: t.name })),
      pathways: ofKind('pathway').map((n): CasePathway => ({
        key: n.key,
        title: n.text,
        description: n.description,
        ...(n.restricted ? { restricted: true } : {}),
        ...(n.previousKeys.length > 0 ? { previousKeys: n.previousKeys } : {}),
        requires: toRequirement(n),
        supports: listOf('supports', n.id),
      })),
      claims: ofKind('claim').map((n): CaseClaim => ({
        key: n.key,
        statement: n.text,
        kind: n.category as ClaimKind,
        description: n.description,
        ...(n.restricted ? { restricted: true } : {}),
        ...(n.previousKeys.length > 0 ? { previousKeys: n.previousKeys } : {}),
        requires: toRequirement(n),
        supports: listOf('supports', n.id),
        assumed: n.assumed,
      })),
      mitigations: ofKind('mitigation').map((n): CaseMitigation => ({
        key: n.key,
        title: n.text,
        kind: n.category as MitigationKind,
        description: n.description,
        ...(n.restricted ? { restricted: true } : {}),
        ...(n.previousKeys.length > 0 ? { previousKeys: n.previousKeys } : {}),
        team: n.teamId ? teamKeyById.get(n.teamId)! : null,
        status: n.status as MitigationStatus,
        dependsOn: listOf('dependsOn', n.id),
        effort: n.effort,
        ...(n.probability !== null ? { probability: n.probability } : {}),
        ...(n.verifyEvery !== null ? { verifyEvery: n.verifyEvery } : {}),
        ...(n.lastVerified !== null ? { lastVerified: n.lastVerified } : {}),
      })),
      evidence: ofKind('evidence').map((n): CaseEvidence => ({
        key: n.key,
        title: n.text,
        description: n.description,
        ...(n.restricted ? { restricted: true } : {}),
        ...(n.previousKeys.length > 0 ? { previousKeys: n.previousKeys } : {}),
        status: n.status as EvidenceStatus,
        ...(n.validUntil ? { validUntil: n.validUntil } : {}),
        ...(n.probability !== null ? { probability: n.probability } : {}),
        ...(n.scope === 'standing' ? { scope: 'standing' as const } : {}),
        ...(n.effort !== null ? { effort: n.effort } : {}),
      })),
      // As the file format reads: a case without scenarios has no `scenarios`.
      ...(scenarios.length > 0 ? { scenarios } : {}),
    };
    return {
      report,
      case: c,
      nodeIds: new Map(nodes.map((n) => [n.key, n.id])),
      teamIds: new Map(teams.map((t) => [t.key, t.id])),
    };
  }

  /** A new report row (version 1, no content); returns it as written. */
  async insertReport(tx: Tx, fields: ReportFields): Promise<ReportEntity> {
    const em = managerOf(tx);
    const rows = await em.query<ReportEntity[]>(
      `INSERT INTO report (key, title, model, previous_key, description, state)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REPORT_COLUMNS}`,
      [
        fields.key,
        fields.title,
        fields.model,
        fields.previousKey,
        fields.description,
        fields.state,
      ],
    );
    return rows[0];
  }

  /**
   * Inserts the teams, nodes and links of a case into an existing, empty report; returns the
   * case as stored, with the row ids it was given.
   */
  async insertContent(tx: Tx, report: ReportEntity, c: Case): Promise<StoredCase> {
    const em = managerOf(tx);
    const reportId = report.id;
    const teamIds = new Map(c.teams.map((t) => [t.key, randomUUID()]));
    const nodeIds = new Map(nodeRowsOf(c).map(({ node }) => [node.key, randomUUID()]));
    await insertRows(
      em,
      TeamEntity,
      c.teams.map((t, position) => ({
        id: teamIds.get(t.key)!,
        reportId,
        key: t.key,
        name: t.name,
        position,
      })),
    );
    await insertRows(
      em,
      CaseNodeEntity,
      nodeRowsOf(c).map((row) => toNodeRow(row, reportId, nodeIds, teamIds)),
    );
    await insertRows(
      em,
      CaseLinkEntity,
      linkRowsOf(c).map(({ type, from, to, position }) => ({
        type,
        reportId,
        fromId: nodeIds.get(from)!,
        toId: nodeIds.get(to)!,
        position,
      })),
    );
    await insertRows(
      em,
      ScenarioStepEntity,
      stepRowsOf(c).map((step) => toStepRow(step, reportId, nodeIds)),
    );
    return { report, case: c, nodeIds, teamIds };
  }

  /** Whether a report with this key exists. */
  async reportExists(tx: Tx, key: string): Promise<boolean> {
    return managerOf(tx).existsBy(ReportEntity, { key });
  }

  /** Deletes a report row, and with it (ON DELETE CASCADE) its content and history. */
  async deleteReport(tx: Tx, id: string): Promise<void> {
    await managerOf(tx).delete(ReportEntity, { id });
  }

  /** Appends status history rows; their seqs, in the order of `rows`. */
  async insertStatusChanges(tx: Tx, rows: readonly StatusChangeRow[]): Promise<string[]> {
    const inserted = await insertRows(managerOf(tx), StatusChangeEntity, rows, ['seq']);
    // A sequence hands out seqs in the order the INSERTs take their rows, whatever RETURNING's.
    return (inserted as { seq: string }[])
      .map((r) => BigInt(r.seq))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
  }

  /** Deletes a report's teams, nodes (with their steps) and links, keeping the report row. */
  async deleteContent(tx: Tx, reportId: string): Promise<void> {
    const em = managerOf(tx);
    await em.delete(ScenarioStepEntity, { reportId });
    await em.delete(CaseLinkEntity, { reportId });
    await em.delete(CaseNodeEntity, { reportId });
    await em.delete(TeamEntity, { reportId });
  }

  /**
   * Writes the difference between the stored case and `next`: only the rows that changed. The
   * report row's own fields and version are the caller's. Says whether only statuses changed
   * (then the rows are the stored ones with new statuses: same ids).
   */
  async persistDiff(tx: Tx, stored: StoredCase, next: Case): Promise<'statuses' | 'structure'> {
    const em = managerOf(tx);
    const reportId = stored.report.id;
    const prev = stored.case;
    // The most frequent write, a status change: only the changed statuses, in one statement.
    if (onlyStatusesDiffer(prev, next)) {
      const changes = diffStatuses({ before: prev, after: next });
      await em.query(
        `UPDATE case_node n SET status = c.status
           FROM unnest($1::uuid[], $2::text[]) AS c(id, status) WHERE n.id = c.id`,
        [changes.map((c) => stored.nodeIds.get(c.key)), changes.map((c) => c.to)],
      );
      return 'statuses';
    }
    const teamIds = new Map(stored.teamIds);

    const prevTeams = new Map(prev.teams.map((t, position) => [t.key, { ...t, position }]));
    const nextTeamKeys = new Set(next.teams.map((t) => t.key));
    for (const [position, team] of next.teams.entries()) {
      const before = prevTeams.get(team.key);
      if (!before) {
        const id = randomUUID();
        teamIds.set(team.key, id);
        await em.insert(TeamEntity, { id, reportId, key: team.key, name: team.name, position });
      } else if (before.name !== team.name || before.position !== position) {
        await em.update(TeamEntity, { id: teamIds.get(team.key)! }, { name: team.name, position });
      }
    }

    const nodeIds = new Map(stored.nodeIds);
    const prevRows = new Map(
      nodeRowsOf(prev).map((row) => [row.node.key, toNodeRow(row, reportId, nodeIds, teamIds)]),
    );
    const nextRows = nodeRowsOf(next);
    const nextKeys = new Set(nextRows.map(({ node }) => node.key));
    const goneNodes = [...prevRows.keys()]
      .filter((k) => !nextKeys.has(k))
      .map((k) => nodeIds.get(k)!);
    if (goneNodes.length > 0) await em.delete(CaseNodeEntity, goneNodes);
    for (const row of nextRows) {
      if (!nodeIds.has(row.node.key)) nodeIds.set(row.node.key, randomUUID());
    }
    for (const row of nextRows) {
      const values = toNodeRow(row, reportId, nodeIds, teamIds);
      const before = prevRows.get(row.node.key);
      if (!before) {
        await em.insert(CaseNodeEntity, values);
      } else if (!sameRow(before, values)) {
        const { id, ...changes } = values;
        await em.update(CaseNodeEntity, { id }, changes);
      }
    }
    const goneTeams = [...prevTeams.keys()]
      .filter((k) => !nextTeamKeys.has(k))
      .map((k) => teamIds.get(k)!);
    if (goneTeams.length > 0) await em.delete(TeamEntity, goneTeams);

    const linkId = (l: LinkRow) => `${l.type}:${l.from}:${l.to}`;
    const prevLinks = new Map(linkRowsOf(prev).map((l) => [linkId(l), l]));
    const nextLinks = linkRowsOf(next);
    const nextLinkIds = new Set(nextLinks.map(linkId));
    for (const [id, link] of prevLinks) {
      // Links of deleted nodes went with them (ON DELETE CASCADE).
      if (nextLinkIds.has(id) || !nextKeys.has(link.from) || !nextKeys.has(link.to)) continue;
      await em.delete(CaseLinkEntity, {
        type: link.type,
        fromId: nodeIds.get(link.from)!,
        toId: nodeIds.get(link.to)!,
      });
    }
    for (const link of nextLinks) {
      const before = prevLinks.get(linkId(link));
      const where = {
        type: link.type,
        fromId: nodeIds.get(link.from)!,
        toId: nodeIds.get(link.to)!,
      };
      if (!before) {
        await em.insert(CaseLinkEntity, { ...where, reportId, position: link.position });
      } else if (before.position !== link.position) {
        await em.update(CaseLinkEntity, where, { position: link.position });
      }
    }
    await this.persistStepDiff(em, reportId, prev, next, nodeIds);
    return 'structure';
  }

  /**
   * Writes the steps that changed, in place (a step keeps its row while its scenario and place
   * stay). Runs after the nodes are written: steps of a deleted scenario went with it.
   */
  private async persistStepDiff(
    em: EntityManager,
    reportId: string,
    prev: Case,
    next: Case,
    nodeIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const placeOf = (s: StepRow) => `${s.scenario}:${s.chainIndex}:${s.stepIndex}`;
    const prevSteps = new Map(stepRowsOf(prev).map((s) => [placeOf(s), s]));
    const nextSteps = stepRowsOf(next);
    const nextPlaces = new Set(nextSteps.map(placeOf));
    const nextScenarios = new Set((next.scenarios ?? []).map((s) => s.key));
    for (const [place, step] of prevSteps) {
      if (nextPlaces.has(place) || !nextScenarios.has(step.scenario)) continue;
      const { scenarioId, chainIndex, stepIndex } = toStepRow(step, reportId, nodeIds);
      await em.delete(ScenarioStepEntity, { scenarioId, chainIndex, stepIndex });
    }
    for (const step of nextSteps) {
      const before = prevSteps.get(placeOf(step));
      const values = toStepRow(step, reportId, nodeIds);
      if (!before) {
        await em.insert(ScenarioStepEntity, values);
      } else if (!isDeepStrictEqual(before.step, step.step)) {
        const { scenarioId, chainIndex, stepIndex, ...changes } = values;
        await em.update(ScenarioStepEntity, { scenarioId, chainIndex, stepIndex }, changes);
      }
    }
  }
}

type NodeRow =
  | { kind: 'pathway'; node: CasePathway; position: number }
  | { kind: 'claim'; node: CaseClaim; position: number }
  | { kind: 'mitigation'; node: CaseMitigation; position: number }
  | { kind: 'evidence'; node: CaseEvidence; position: number }
  | { kind: 'scenario'; node: CaseScenario; position: number };

function nodeRowsOf(c: Case): NodeRow[] {
  return [
    ...c.pathways.map((node, position) => ({ kind: 'pathway' as const, node, position })),
    ...c.claims.map((node, position) => ({ kind: 'claim' as const, node, position })),
    ...c.mitigations.map((node, position) => ({ kind: 'mitigation' as const, node, position })),
    ...c.evidence.map((node, position) => ({ kind: 'evidence' as const, node, position })),
    ...(c.scenarios ?? []).map((node, position) => ({ kind: 'scenario' as const, node, position })),
  ];
}

interface StepRow {
  readonly scenario: string;
  readonly chainIndex: number;
  readonly stepIndex: number;
  readonly step: CaseStep;
}

function stepRowsOf(c: Case): StepRow[] {
  return (c.scenarios ?? []).flatMap((s) =>
    s.chains.flatMap((chain, chainIndex) =>
      chain.steps.map((step, stepIndex) => ({ scenario: s.key, chainIndex, stepIndex, step })),
    ),
  );
}

function toStepRow(
  { scenario, chainIndex, stepIndex, step }: StepRow,
  reportId: string,
  nodeIds: ReadonlyMap<string, string>,
): Omit<ScenarioStepEntity, 'scenario' | 'report'> {
  return {
    scenarioId: nodeIds.get(scenario)!,
    chainIndex,
    stepIndex,
    reportId,
    mitigationKey: step.mitigation,
    teamKey: step.team ?? null,
    action: step.action,
    latency: step.latency,
    automatic: step.automatic === true,
    paged: step.paged === true,
    confirmedBy: step.confirmed?.by ?? null,
    confirmedAt: step.confirmed?.at ?? null,
    confirmationNote: step.confirmed?.note ?? null,
  };
}

/** A scenario from its node row and the report's steps (in chain, then step order). */
function toScenario(n: CaseNodeEntity, steps: readonly ScenarioStepEntity[]): CaseScenario {
  const chains: CaseStep[][] = [];
  for (const row of steps) {
    if (row.scenarioId !== n.id) continue;
    (chains[row.chainIndex] ??= []).push({
      mitigation: row.mitigationKey,
      ...(row.teamKey !== null ? { team: row.teamKey } : {}),
      action: row.action,
      latency: row.latency,
      ...(row.automatic ? { automatic: true } : {}),
      ...(row.paged ? { paged: true } : {}),
      ...(row.confirmedBy !== null
        ? { confirmed: { by: row.confirmedBy, at: row.confirmedAt!, note: row.confirmationNote } }
        : {}),
    });
  }
  return {
    key: n.key,
    pathway: n.pathwayKey!,
    title: n.text,
    description: n.description,
    timeToHarm: n.timeToHarm!,
    chains: chains.map((chainSteps) => ({ steps: chainSteps })),
  };
}

interface LinkRow {
  type: LinkType;
  from: string;
  to: string;
  position: number;
}

function linkRowsOf(c: Case): LinkRow[] {
  const rows = (type: LinkType, from: string, keys: readonly string[]) =>
    keys.map((to, position) => ({ type, from, to, position }));
  return [
    ...c.pathways.flatMap((p) => rows('supports', p.key, p.supports)),
    ...c.claims.flatMap((cl) => rows('supports', cl.key, cl.supports)),
    ...c.mitigations.flatMap((m) => rows('dependsOn', m.key, m.dependsOn)),
  ];
}

type NodeValues = Omit<CaseNodeEntity, 'report' | 'team'>;

function toNodeRow(
  row: NodeRow,
  reportId: string,
  nodeIds: ReadonlyMap<string, string>,
  teamIds: ReadonlyMap<string, string>,
): NodeValues {
  // Scenarios have no flag or lineage of their own (a scenario is restricted with its pathway).
  const { restricted, previousKeys } =
    row.kind === 'scenario' ? { restricted: false, previousKeys: [] } : row.node;
  const base = {
    id: nodeIds.get(row.node.key)!,
    reportId,
    kind: row.kind,
    key: row.node.key,
    position: row.position,
    description: row.node.description,
    restricted: restricted === true,
    previousKeys: [...(previousKeys ?? [])],
    scope: null,
    category: null,
    requiresMode: null,
    requiresAtLeast: null,
    assumed: false,
    status: null,
    teamId: null,
    effort: null,
    probability: null,
    validUntil: null,
    pathwayKey: null,
    timeToHarm: null,
    verifyEvery: null,
    lastVerified: null,
  };
  const requires = (r: Requirement) => ({
    requiresMode: r.mode,
    requiresAtLeast: r.mode === 'atLeast' ? r.atLeast : null,
  });
  switch (row.kind) {
    case 'pathway':
      return { ...base, text: row.node.title, ...requires(row.node.requires) };
    case 'claim':
      return {
        ...base,
        text: row.node.statement,
        category: row.node.kind,
        assumed: row.node.assumed,
        ...requires(row.node.requires),
      };
    case 'mitigation':
      return {
        ...base,
        text: row.node.title,
        category: row.node.kind,
        status: row.node.status,
        teamId: row.node.team ? teamIds.get(row.node.team)! : null,
        effort: row.node.effort,
        probability: row.node.probability ?? null,
        verifyEvery: row.node.verifyEvery ?? null,
        lastVerified: row.node.lastVerified ?? null,
      };
    case 'evidence':
      return {
        ...base,
        text: row.node.title,
        status: row.node.status,
        validUntil: row.node.validUntil ?? null,
        probability: row.node.probability ?? null,
        scope: row.node.scope ?? 'model',
        effort: row.node.effort ?? null,
      };
    case 'scenario':
      return {
        ...base,
        text: row.node.title,
        pathwayKey: row.node.pathway,
        timeToHarm: row.node.timeToHarm,
      };
  }
}

function toRequirement(n: CaseNodeEntity): Requirement {
  if (n.requiresMode === 'atLeast') return { mode: 'atLeast', atLeast: n.requiresAtLeast! };
  return { mode: n.requiresMode ?? 'all' };
}

function sameRow(a: NodeValues, b: NodeValues): boolean {
  return (Object.keys(b) as (keyof NodeValues)[]).every((k) => {
    const [x, y] = [a[k], b[k]];
    // previousKeys is the one list column.
    return Array.isArray(x) && Array.isArray(y)
      ? x.length === y.length && x.every((v, i) => v === y[i])
      : x === y;
  });
}
