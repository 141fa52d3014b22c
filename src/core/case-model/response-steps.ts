import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Case, CaseChain, CaseScenario, CaseStep, StepConfirmation } from './case';
import { describeDuration } from './duration';

/*
 * The information gathering of SPEC §8: each response step is confirmed by the team that acts
 * in it; what is not confirmed yet goes to that team as an information request, and progress is
 * counted per pathway.
 */

/** A chain's latency as the case writes it: the sum of its steps'. */
export const totalLatency = (chain: CaseChain): number =>
  chain.steps.reduce((sum, step) => sum + step.latency, 0);

/** One step of a scenario, where it is, and the team that acts in it (null: nobody owns it). */
export interface LocatedStep {
  readonly scenario: CaseScenario;
  /** 0-based, as the case lists them. */
  readonly chain: number;
  readonly index: number;
  readonly step: CaseStep;
  readonly team: string | null;
}

/** Every response step of the case, scenario by scenario, chain by chain, in order. */
export function listResponseSteps(c: Case): LocatedStep[] {
  const teamOf = new Map(c.mitigations.map((m) => [m.key, m.team]));
  return (c.scenarios ?? []).flatMap((scenario) =>
    scenario.chains.flatMap((chain, ci) =>
      chain.steps.map((step, index) => ({
        scenario,
        chain: ci,
        index,
        step,
        team: step.team ?? teamOf.get(step.mitigation) ?? null,
      })),
    ),
  );
}

/** How far the gathering has come for one pathway: its scenarios and their steps. */
export interface GatheringProgress {
  readonly pathway: string;
  readonly scenarios: number;
  readonly steps: number;
  readonly confirmed: number;
}

/** Per pathway, in the case's order (pathways without scenarios count zero). */
export function gatheringProgress(c: Case): GatheringProgress[] {
  const byPathway = new Map(
    c.pathways.map((p) => [p.key, { pathway: p.key, scenarios: 0, steps: 0, confirmed: 0 }]),
  );
  for (const scenario of c.scenarios ?? []) {
    const progress = byPathway.get(scenario.pathway);
    if (!progress) continue;
    progress.scenarios++;
    for (const chain of scenario.chains) {
      progress.steps += chain.steps.length;
      progress.confirmed += chain.steps.filter((s) => s.confirmed).length;
    }
  }
  return [...byPathway.values()];
}

/** Where a step is: scenario key, 1-based chain and step numbers as people count them. */
export interface StepRef {
  readonly scenario: string;
  readonly chain: number;
  readonly step: number;
}

/** The step, or undefined when the case has no such scenario, chain or step. */
export function findStep(c: Case, ref: StepRef): LocatedStep | undefined {
  const scenario = (c.scenarios ?? []).find((s) => s.key === ref.scenario);
  const step = scenario?.chains[ref.chain - 1]?.steps[ref.step - 1];
  if (!scenario || !step) return undefined;
  const owner = c.mitigations.find((m) => m.key === step.mitigation)?.team ?? null;
  return { scenario, chain: ref.chain - 1, index: ref.step - 1, step, team: step.team ?? owner };
}

/** The step, or NODE_NOT_FOUND naming what is missing. */
export function requireStep(c: Case, ref: StepRef): LocatedStep {
  const found = findStep(c, ref);
  if (found) return found;
  if (!(c.scenarios ?? []).some((s) => s.key === ref.scenario)) {
    throw new DomainError(
      DomainErrorCode.NODE_NOT_FOUND,
      `no scenario '${ref.scenario}' in report '${c.report.key}'`,
    );
  }
  throw new DomainError(
    DomainErrorCode.NODE_NOT_FOUND,
    `scenario '${ref.scenario}' has no chain ${ref.chain} step ${ref.step}`,
  );
}

/** The case with the step confirmed (or its confirmation replaced: the latest word counts). */
export function confirmStep(c: Case, ref: StepRef, confirmation: StepConfirmation): Case {
  requireStep(c, ref);
  return {
    ...c,
    scenarios: c.scenarios!.map((s) =>
      s.key !== ref.scenario
        ? s
        : {
            ...s,
            chains: s.chains.map((chain, ci) =>
              ci !== ref.chain - 1
                ? chain
                : {
                    steps: chain.steps.map((step, si) =>
                      si === ref.step - 1 ? { ...step, confirmed: confirmation } : step,
                    ),
                  },
            ),
          },
    ),
  };
}

/** The unconfirmed steps by acting team (steps nobody owns are left out: there is no one to ask). */
export function unconfirmedStepsByTeam(c: Case): Map<string, LocatedStep[]> {
  const byTeam = new Map<string, LocatedStep[]>();
  for (const located of listResponseSteps(c)) {
    if (located.step.confirmed || located.team === null) continue;
    const list = byTeam.get(located.team) ?? [];
    list.push(located);
    byTeam.set(located.team, list);
  }
  return byTeam;
}

/** What to ask one team about one scenario: the steps it acts in that are not confirmed yet. */
export interface ConfirmationRequest {
  readonly team: string;
  readonly scenario: string;
  /** The scenario, then the steps' mitigations (each once). */
  readonly nodes: readonly string[];
  readonly question: string;
}

/**
 * One request per team and scenario with unconfirmed steps, by team, then in the case's order:
 * "Please confirm, for scenario 'weights-copied' (…): chain 1 step 2: security-oncall responds
 * within 30m (paged); …". Chains and steps count from 1, as confirmStep names them.
 */
export function confirmationRequests(c: Case): ConfirmationRequest[] {
  const requests: ConfirmationRequest[] = [];
  for (const [team, steps] of unconfirmedStepsByTeam(c)) {
    const byScenario = new Map<CaseScenario, LocatedStep[]>();
    for (const located of steps) {
      byScenario.set(located.scenario, [...(byScenario.get(located.scenario) ?? []), located]);
    }
    for (const [scenario, located] of byScenario) {
      requests.push({
        team,
        scenario: scenario.key,
        nodes: [...new Set([scenario.key, ...located.map((l) => l.step.mitigation)])],
        question:
          `Please confirm, for scenario '${scenario.key}' (${scenario.title}): ` +
          located.map(describeStep).join('; '),
      });
    }
  }
  return requests;
}

function describeStep({ chain, index, step }: LocatedStep): string {
  const how = [step.automatic && 'automatic', step.paged && 'paged'].filter(Boolean);
  return (
    `chain ${chain + 1} step ${index + 1}: ${step.mitigation} ${step.action} within ` +
    `${describeDuration(step.latency)}${how.length > 0 ? ` (${how.join(', ')})` : ''}`
  );
}

/**
 * The case without the confirmations of its response steps: a team's word about a step, which a
 * published report still takes (as it takes statuses).
 */
export function withoutConfirmations(c: Case): Case {
  if (!c.scenarios) return c;
  return {
    ...c,
    scenarios: c.scenarios.map((s) => ({
      ...s,
      chains: s.chains.map((chain) => ({
        steps: chain.steps.map(({ confirmed: _, ...step }) => step),
      })),
    })),
  };
}
