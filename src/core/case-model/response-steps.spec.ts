import { isDeepStrictEqual } from 'node:util';
import { parseCaseFile } from '../case-format/parse-case-file';
import { exportCaseFile } from '../case-format/export-case-file';
import type { Case } from './case';
import { refuseFrozenChange, withState } from './report-state';
import {
  confirmationRequests,
  confirmStep,
  findStep,
  gatheringProgress,
  listResponseSteps,
  withoutConfirmations,
  requireStep,
  unconfirmedStepsByTeam,
} from './response-steps';

const FILE = `
format: loadbearing/v1
report: {key: r, title: R}
teams: [{key: security}, {key: infra}]
pathways:
  - {key: exfil, title: Exfiltration, supports: [egress-watch]}
  - {key: leaks, title: Leaks, supports: [egress-watch]}
claims:
  - {key: egress-watch, statement: Egress is watched, requires: any, supports: [bucket, tunnel]}
mitigations:
  - {key: egress-monitor, title: Egress monitor, team: security, status: in_place}
  - {key: oncall, title: On-call, team: security, status: in_place}
  - {key: revoke, title: Revocation, team: infra, status: in_place}
  - {key: unowned, title: Nobody's, status: in_place}
scenarios:
  - key: bucket
    pathway: exfil
    title: Checkpoint copied to a bucket
    timeToHarm: 2h
    chains:
      - steps:
          - {mitigation: egress-monitor, action: detects, latency: 5m, automatic: true}
          - {mitigation: oncall, action: responds, latency: 30m, paged: true,
             confirmed: {by: alice, at: 2026-11-01, note: drilled in October}}
          - {mitigation: revoke, action: contains, latency: 10m}
      - steps:
          - {mitigation: unowned, action: detects, latency: 1h}
  - key: tunnel
    pathway: exfil
    title: A tunnel out
    timeToHarm: 1d
    chains:
      - steps:
          - {mitigation: egress-monitor, team: infra, action: detects, latency: 1h}
`;

function parsed(): Case {
  const result = parseCaseFile({ text: FILE });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return result.case!;
}

describe('response steps and their confirmation (SPEC §8)', () => {
  it('reads a confirmation from the file and writes it back the same', () => {
    const c = parsed();
    expect(c.scenarios![0].chains[0].steps[1].confirmed).toEqual({
      by: 'alice',
      at: '2026-11-01T00:00:00.000Z',
      note: 'drilled in October',
    });
    expect(parseCaseFile({ text: exportCaseFile({ case: c }) }).case).toEqual(c);
  });

  it('refuses a confirmation with a bad date, at its line', () => {
    const text = FILE.replace('at: 2026-11-01', 'at: last week');
    const result = parseCaseFile({ text });
    expect(result.case).toBeNull();
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'INVALID_FIELD',
        path: ['scenarios', 0, 'chains', 0, 'steps', 1, 'confirmed', 'at'],
        line: text.split('\n').findIndex((l) => l.includes('at: last week')) + 1,
      }),
    ]);
  });

  it("takes the step's own team, else its mitigation's", () => {
    const teams = listResponseSteps(parsed()).map(
      (s) => `${s.scenario.key}/${s.chain}/${s.index}:${s.team}`,
    );
    expect(teams).toEqual([
      'bucket/0/0:security',
      'bucket/0/1:security',
      'bucket/0/2:infra',
      'bucket/1/0:null',
      'tunnel/0/0:infra',
    ]);
  });

  it('counts scenarios, steps and confirmed steps per pathway, pathways without any at zero', () => {
    expect(gatheringProgress(parsed())).toEqual([
      { pathway: 'exfil', scenarios: 2, steps: 5, confirmed: 1 },
      { pathway: 'leaks', scenarios: 0, steps: 0, confirmed: 0 },
    ]);
  });

  it('confirms a step by 1-based chain and step, replacing an earlier confirmation', () => {
    const confirmation = { by: 'bob', at: '2026-12-07T00:00:00.000Z', note: null };
    const c = confirmStep(parsed(), { scenario: 'bucket', chain: 1, step: 2 }, confirmation);
    expect(c.scenarios![0].chains[0].steps[1].confirmed).toEqual(confirmation);
    const again = confirmStep(c, { scenario: 'tunnel', chain: 1, step: 1 }, confirmation);
    expect(gatheringProgress(again)[0]).toMatchObject({ steps: 5, confirmed: 2 });
  });

  it('names what is missing when a step does not exist', () => {
    const c = parsed();
    expect(() => requireStep(c, { scenario: 'nope', chain: 1, step: 1 })).toThrow(
      "no scenario 'nope' in report 'r'",
    );
    expect(() => requireStep(c, { scenario: 'bucket', chain: 2, step: 2 })).toThrow(
      "scenario 'bucket' has no chain 2 step 2",
    );
    expect(() => requireStep(c, { scenario: 'bucket', chain: 0, step: 1 })).toThrow(
      "scenario 'bucket' has no chain 0 step 1",
    );
  });

  it('groups unconfirmed steps by acting team, leaving out steps nobody owns', () => {
    const byTeam = unconfirmedStepsByTeam(parsed());
    expect(
      Object.fromEntries(
        [...byTeam].map(([team, steps]) => [
          team,
          steps.map((s) => `${s.scenario.key}/${s.chain}/${s.index}`),
        ]),
      ),
    ).toEqual({ security: ['bucket/0/0'], infra: ['bucket/0/2', 'tunnel/0/0'] });
  });

  it('finds a step with its acting team, or nothing', () => {
    const c = parsed();
    expect(findStep(c, { scenario: 'tunnel', chain: 1, step: 1 })).toMatchObject({
      chain: 0,
      index: 0,
      team: 'infra',
    });
    expect(findStep(c, { scenario: 'bucket', chain: 2, step: 1 })?.team).toBeNull();
    expect(findStep(c, { scenario: 'bucket', chain: 1, step: 4 })).toBeUndefined();
    expect(findStep(c, { scenario: 'nope', chain: 1, step: 1 })).toBeUndefined();
  });

  it('asks each team, per scenario, about the steps it has not confirmed', () => {
    expect(confirmationRequests(parsed())).toEqual([
      {
        team: 'security',
        scenario: 'bucket',
        nodes: ['bucket', 'egress-monitor'],
        question:
          "Please confirm, for scenario 'bucket' (Checkpoint copied to a bucket): " +
          'chain 1 step 1: egress-monitor detects within 5m (automatic)',
      },
      {
        team: 'infra',
        scenario: 'bucket',
        nodes: ['bucket', 'revoke'],
        question:
          "Please confirm, for scenario 'bucket' (Checkpoint copied to a bucket): " +
          'chain 1 step 3: revoke contains within 10m',
      },
      {
        team: 'infra',
        scenario: 'tunnel',
        nodes: ['tunnel', 'egress-monitor'],
        question:
          "Please confirm, for scenario 'tunnel' (A tunnel out): chain 1 step 1: egress-monitor detects within 1h",
      },
    ]);
  });

  it('tells a change of confirmations alone, which a published report takes', () => {
    const c = withState(parsed(), 'published');
    const confirmed = confirmStep(
      c,
      { scenario: 'tunnel', chain: 1, step: 1 },
      { by: 'bob', at: '2026-12-07T00:00:00.000Z', note: 'yes' },
    );
    expect(isDeepStrictEqual(withoutConfirmations(c), withoutConfirmations(confirmed))).toBe(true);
    expect(() => refuseFrozenChange(c, confirmed)).not.toThrow();
    const slower: Case = {
      ...confirmed,
      scenarios: confirmed.scenarios!.map((s) => ({ ...s, timeToHarm: s.timeToHarm + 1 })),
    };
    expect(isDeepStrictEqual(withoutConfirmations(c), withoutConfirmations(slower))).toBe(false);
    expect(() => refuseFrozenChange(c, slower)).toThrow(/is published/);
    expect(() =>
      refuseFrozenChange(withState(c, 'archived'), withState(confirmed, 'archived')),
    ).toThrow(/is archived/);
  });

  it('lets a published report take a confirmation and a status change in one write', () => {
    const c = withState(parsed(), 'published');
    const confirmed = confirmStep(
      c,
      { scenario: 'tunnel', chain: 1, step: 1 },
      { by: 'bob', at: '2026-12-07T00:00:00.000Z', note: null },
    );
    const both: Case = {
      ...confirmed,
      mitigations: confirmed.mitigations.map((m) =>
        m.key === 'revoke' ? { ...m, status: 'failed' as const } : m,
      ),
    };
    expect(() => refuseFrozenChange(c, both)).not.toThrow();
  });
});
