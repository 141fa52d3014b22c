import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  CaseScenario,
} from '../../case-model/case';

/** Small factories for specs: only what a test cares about needs spelling out. */

export const makePathway = (
  overrides: Partial<CasePathway> & Pick<CasePathway, 'key'>,
): CasePathway => ({
  title: overrides.key,
  description: null,
  requires: { mode: 'all' },
  supports: [],
  ...overrides,
});

export const makeClaim = (overrides: Partial<CaseClaim> & Pick<CaseClaim, 'key'>): CaseClaim => ({
  statement: overrides.key,
  kind: 'other',
  description: null,
  requires: { mode: 'all' },
  supports: [],
  assumed: false,
  ...overrides,
});

export const makeMitigation = (
  overrides: Partial<CaseMitigation> & Pick<CaseMitigation, 'key'>,
): CaseMitigation => ({
  title: overrides.key,
  kind: 'other',
  description: null,
  team: null,
  status: 'in_place',
  dependsOn: [],
  effort: null,
  ...overrides,
});

export const makeEvidence = (
  overrides: Partial<CaseEvidence> & Pick<CaseEvidence, 'key'>,
): CaseEvidence => ({
  title: overrides.key,
  description: null,
  status: 'valid',
  ...overrides,
});

export const makeScenario = (
  overrides: Partial<CaseScenario> & Pick<CaseScenario, 'key' | 'pathway'>,
): CaseScenario => ({
  title: overrides.key,
  description: null,
  timeToHarm: 3600,
  chains: [],
  ...overrides,
});

export const makeCase = (overrides: Partial<Case> = {}): Case => ({
  report: { key: 'test', title: 'Test case', model: null, previous: null, description: null },
  teams: [],
  pathways: [],
  claims: [],
  mitigations: [],
  evidence: [],
  ...overrides,
});

/**
 * The example case of SPEC §2: one pathway resting on an `any` claim (an audit, plus planned
 * probes) and an `atLeast 1` claim (file permissions, plus an egress monitor that depends on the
 * log pipeline), and an assumed claim.
 */
export const makeSpecExampleCase = (): Case =>
  makeCase({
    pathways: [
      makePathway({ key: 'self-exfiltration', supports: ['no-coherent-goals', 'exfil-detected'] }),
    ],
    claims: [
      makeClaim({
        key: 'no-coherent-goals',
        requires: { mode: 'any' },
        supports: ['alignment-audit', 'interp-probes'],
      }),
      makeClaim({
        key: 'exfil-detected',
        requires: { mode: 'atLeast', atLeast: 1 },
        supports: ['weight-file-permissions', 'egress-monitor'],
      }),
      makeClaim({ key: 'threat-model-complete', assumed: true }),
    ],
    mitigations: [
      makeMitigation({ key: 'weight-file-permissions' }),
      makeMitigation({ key: 'egress-monitor', dependsOn: ['log-pipeline'] }),
      makeMitigation({ key: 'log-pipeline' }),
      makeMitigation({ key: 'interp-probes', status: 'planned', effort: 8 }),
    ],
    evidence: [makeEvidence({ key: 'alignment-audit' })],
  });
