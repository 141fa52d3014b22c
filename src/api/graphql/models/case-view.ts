import type { Case, CaseNodeKind, CaseScenario } from '../../../core/case-model/case';
import type { StepRef } from '../../../core/case-model/response-steps';
import { verificationDue } from '../../../core/case-model/verification';
import { VersionDerived, type CaseVersion } from '../../../case/cases/case-versions';
import type { WrittenNode } from '../../../case/cases/nodes.service';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { Claim } from './claim.model';
import { Evidence } from './evidence.model';
import { Mitigation, verificationDueAt } from './mitigation.model';
import { Pathway } from './pathway.model';
import { ResponseChain, ResponseStep, Scenario, StepConfirmation } from './scenario.model';
import { Team } from './team.model';

export type AnyNodeModel = Pathway | Claim | Mitigation | Evidence | Scenario;

const NO_NODES: readonly AnyNodeModel[] = Object.freeze([]);

/**
 * One version of a report's case as the API's models: built once per version, shared by every
 * request that reads that version, and never changed (the models are frozen). Nodes and teams
 * point back to their view, so that their links resolve within the same version, without a
 * query and without a promise.
 */
const NONE: readonly string[] = [];

export class CaseView {
  readonly teams: readonly Team[];
  /** Valid evidence with a validUntil, soonest first (then by key). */
  private readonly expiring: readonly Evidence[];
  /** Mitigations in place with a verification cycle, soonest due first (then by key). */
  private readonly verifying: readonly Mitigation[];
  private readonly byKey = new Map<string, AnyNodeModel>();
  private readonly byKind: Record<CaseNodeKind, readonly AnyNodeModel[]>;
  private readonly teamByKey: ReadonlyMap<string, Team>;
  private readonly links = {
    supports: new Map<string, AnyNodeModel[]>(),
    supportOf: new Map<string, AnyNodeModel[]>(),
    dependsOn: new Map<string, AnyNodeModel[]>(),
    dependents: new Map<string, AnyNodeModel[]>(),
  };
  private readonly ownedBy = new Map<string, Mitigation[]>();
  private readonly illustratedBy = new Map<string, Scenario[]>();

  constructor(
    readonly reportId: string,
    c: Case,
  ) {
    // Assigned, not spread: spreading differently shaped objects is ten times slower here, and
    // a view is built for every version a write makes.
    const node = <T extends AnyNodeModel>(
      model: T,
      n: Case['pathways' | 'claims' | 'mitigations' | 'evidence'][number],
      fields: Omit<T, 'reportId' | 'key' | 'description' | 'restricted' | 'previousKeys'>,
    ): T => {
      Object.assign(model, fields);
      model.reportId = reportId;
      model.key = n.key;
      model.description = n.description;
      model.restricted = n.restricted === true;
      model.previousKeys = n.previousKeys ?? NONE;
      return this.own(model);
    };
    const pathways = c.pathways.map((p) =>
      node(new Pathway(), p, {
        nodeKind: 'pathway',
        title: p.title,
        requires: p.requires.mode,
        atLeast: p.requires.mode === 'atLeast' ? p.requires.atLeast : null,
      }),
    );
    const claims = c.claims.map((cl) =>
      node(new Claim(), cl, {
        nodeKind: 'claim',
        statement: cl.statement,
        kind: cl.kind,
        requires: cl.requires.mode,
        atLeast: cl.requires.mode === 'atLeast' ? cl.requires.atLeast : null,
        assumed: cl.assumed,
      }),
    );
    const mitigations = c.mitigations.map((m) =>
      node(new Mitigation(), m, {
        nodeKind: 'mitigation',
        title: m.title,
        kind: m.kind,
        team: m.team,
        status: m.status,
        effort: m.effort,
        probability: m.probability ?? null,
        verifyEvery: m.verifyEvery ?? null,
        lastVerified: m.lastVerified === undefined ? null : new Date(m.lastVerified),
        verificationDue: m.verifyEvery && m.lastVerified ? new Date(verificationDue(m)!) : null,
      }),
    );
    const evidence = c.evidence.map((e) =>
      node(new Evidence(), e, {
        nodeKind: 'evidence',
        title: e.title,
        status: e.status,
        validUntil: e.validUntil === undefined ? null : new Date(e.validUntil),
        probability: e.probability ?? null,
        scope: e.scope ?? 'model',
        effort: e.effort ?? null,
      }),
    );
    const teamOf = new Map(c.mitigations.map((m) => [m.key, m.team]));
    const restricted = new Set(
      [...c.pathways, ...c.mitigations].filter((n) => n.restricted).map((n) => n.key),
    );
    const scenarios = (c.scenarios ?? []).map((s) =>
      this.scenario(s, reportId, teamOf, restricted),
    );
    this.byKind = {
      pathway: pathways,
      claim: claims,
      mitigation: mitigations,
      evidence,
      scenario: scenarios,
    };
    for (const n of [...pathways, ...claims, ...mitigations, ...evidence, ...scenarios]) {
      this.byKey.set(n.key, n);
    }
    for (const s of scenarios) {
      const list = this.illustratedBy.get(s.pathwayKey);
      if (list) list.push(s);
      else this.illustratedBy.set(s.pathwayKey, [s]);
    }

    const link = (type: keyof CaseView['links'], from: string, to: string) => {
      const list = this.links[type].get(from);
      const target = this.byKey.get(to)!;
      if (list) list.push(target);
      else this.links[type].set(from, [target]);
    };
    for (const p of [...c.pathways, ...c.claims]) {
      for (const s of p.supports) link('supports', p.key, s);
    }
    // Backward links by kind (claims, then pathways), then file order.
    for (const p of [...c.claims, ...c.pathways]) {
      for (const s of p.supports) link('supportOf', s, p.key);
    }
    for (const m of c.mitigations) for (const d of m.dependsOn) link('dependsOn', m.key, d);
    for (const m of c.mitigations) for (const d of m.dependsOn) link('dependents', d, m.key);

    this.teams = c.teams.map((t) =>
      this.own(Object.assign(new Team(), { reportId, key: t.key, name: t.name })),
    );
    this.teamByKey = new Map(this.teams.map((t) => [t.key, t]));
    for (const m of mitigations) {
      if (m.team === null) continue;
      const owned = this.ownedBy.get(m.team);
      if (owned) owned.push(m);
      else this.ownedBy.set(m.team, [m]);
    }
    this.expiring = evidence
      .filter((e) => e.status === 'valid' && e.validUntil !== null)
      .sort((a, b) => a.validUntil!.getTime() - b.validUntil!.getTime() || compare(a.key, b.key));
    // Never verified sorts first: it is due already.
    this.verifying = mitigations
      .filter((m) => m.status === 'in_place' && m.verifyEvery !== null)
      .sort((a, b) => verificationDueAt(a)! - verificationDueAt(b)! || compare(a.key, b.key));
  }

  node(key: string): AnyNodeModel | null {
    return this.byKey.get(key) ?? null;
  }

  /** The scenarios that illustrate a pathway, in file order. */
  scenariosOf(pathwayKey: string): readonly Scenario[] {
    return this.illustratedBy.get(pathwayKey) ?? (NO_NODES as readonly Scenario[]);
  }

  /**
   * Whether text about these nodes is hidden from a caller without clearance: one of them is
   * restricted, or gone (what is said of a node since deleted may tell of its text).
   */
  hidesAny(keys: readonly string[]): boolean {
    return keys.some((key) => this.byKey.get(key)?.restricted ?? true);
  }

  /** A kind's nodes in file order. */
  list(kind: CaseNodeKind): readonly AnyNodeModel[] {
    return this.byKind[kind];
  }

  /** The nodes a pathway or claim lists in `supports`, in list order. */
  supports(key: string): readonly AnyNodeModel[] {
    return this.links.supports.get(key) ?? NO_NODES;
  }

  /** The pathways and claims whose supports name a node. */
  supportOf(key: string): readonly AnyNodeModel[] {
    return this.links.supportOf.get(key) ?? NO_NODES;
  }

  dependsOn(key: string): readonly Mitigation[] {
    return (this.links.dependsOn.get(key) ?? NO_NODES) as readonly Mitigation[];
  }

  dependents(key: string): readonly Mitigation[] {
    return (this.links.dependents.get(key) ?? NO_NODES) as readonly Mitigation[];
  }

  team(key: string): Team | null {
    return this.teamByKey.get(key) ?? null;
  }

  /** The mitigations a team owns, in file order. */
  mitigationsOf(teamKey: string): readonly Mitigation[] {
    return this.ownedBy.get(teamKey) ?? (NO_NODES as readonly Mitigation[]);
  }

  /** Valid evidence whose validUntil is at or before `until`, soonest first. */
  expiringBy(until: number): readonly Evidence[] {
    const end = this.expiring.findIndex((e) => e.validUntil!.getTime() > until);
    return end === -1 ? this.expiring : this.expiring.slice(0, end);
  }

  /** Mitigations in place whose verification falls due at or before `until`, soonest first. */
  verificationDueBy(until: number): readonly Mitigation[] {
    const end = this.verifying.findIndex((m) => verificationDueAt(m)! > until);
    return end === -1 ? this.verifying : this.verifying.slice(0, end);
  }

  /** Of a model of this view: the view it belongs to (see `own`). */
  static of(model: AnyNodeModel | Team | ResponseStep): CaseView {
    return (model as unknown as { [VIEW]: CaseView })[VIEW];
  }

  /**
   * A scenario's model: restricted with its pathway, its steps' teams defaulted. A confirmation's
   * note is restricted with the scenario, or with the step's mitigation (it speaks of it).
   */
  private scenario(
    s: CaseScenario,
    reportId: string,
    teamOf: ReadonlyMap<string, string | null>,
    restrictedKeys: ReadonlySet<string>,
  ): Scenario {
    const restricted = restrictedKeys.has(s.pathway);
    const chains = s.chains.map((chain, index) =>
      Object.freeze(
        Object.assign(new ResponseChain(), {
          reportId,
          scenarioKey: s.key,
          index,
          steps: Object.freeze(
            chain.steps.map((step, stepIndex) =>
              this.own(
                Object.assign(new ResponseStep(), {
                  mitigationKey: step.mitigation,
                  team: step.team ?? teamOf.get(step.mitigation) ?? null,
                  action: step.action,
                  latency: step.latency,
                  automatic: step.automatic === true,
                  paged: step.paged === true,
                  chain: index + 1,
                  number: stepIndex + 1,
                  confirmed: step.confirmed
                    ? Object.freeze(
                        Object.assign(new StepConfirmation(), {
                          restricted: restricted || restrictedKeys.has(step.mitigation),
                          by: step.confirmed.by,
                          at: new Date(step.confirmed.at),
                          note: step.confirmed.note,
                        }),
                      )
                    : null,
                }),
              ),
            ),
          ),
        }),
      ),
    );
    return this.own(
      Object.assign(new Scenario(), {
        reportId,
        key: s.key,
        nodeKind: 'scenario' as const,
        title: s.title,
        description: s.description,
        restricted,
        previousKeys: NONE,
        pathwayKey: s.pathway,
        timeToHarm: s.timeToHarm,
        chains: Object.freeze(chains),
      }),
    );
  }

  private own<T extends object>(model: T): T {
    Object.defineProperty(model, VIEW, { value: this });
    return Object.freeze(model);
  }
}

const VIEW = Symbol('view');

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CASE_VIEW = new VersionDerived(
  (version) => new CaseView(version.report.id, version.stored.case),
);

/** The API's models of one version: built on first use, then kept with the version. */
export function viewOf(version: CaseVersion): CaseView {
  return version.derive(CASE_VIEW);
}

/** The model of a node a write left; a concurrent delete or rename may have come in between. */
export function writtenNode({ version, key }: WrittenNode): AnyNodeModel {
  const node = viewOf(version).node(key);
  if (!node) {
    throw new DomainError(
      DomainErrorCode.CONCURRENT_CHANGE,
      `'${key}' was written, then deleted or renamed by a concurrent write`,
    );
  }
  return node;
}

/** The model of a team a write left; a concurrent delete or rename may have come in between. */
export function writtenTeam({ version, key }: WrittenNode): Team {
  const team = viewOf(version).team(key);
  if (!team) {
    throw new DomainError(
      DomainErrorCode.CONCURRENT_CHANGE,
      `team '${key}' was written, then deleted or renamed by a concurrent write`,
    );
  }
  return team;
}

/** The model of a step a write left (a confirmation); a concurrent edit may have moved it. */
export function writtenStep(version: CaseVersion, ref: StepRef): ResponseStep {
  const scenario = viewOf(version).node(ref.scenario);
  const step =
    scenario?.nodeKind === 'scenario'
      ? scenario.chains[ref.chain - 1]?.steps[ref.step - 1]
      : undefined;
  if (!step) {
    throw new DomainError(
      DomainErrorCode.CONCURRENT_CHANGE,
      `scenario '${ref.scenario}' chain ${ref.chain} step ${ref.step} was confirmed, then removed by a concurrent write`,
    );
  }
  return step;
}
