import {
  makeCase,
  makeClaim,
  makeMitigation,
  makePathway,
  makeScenario,
} from '../../analysis/testing/make-case';
import type { Case } from '../../case-model/case';

/**
 * SPEC §8's scenario as a diagram: self-exfiltration rests on exfil-stopped, which rests on the
 * scenario weights-copied (time to harm 2h), stopped by
 *   chain 1: egress-monitor detects (5m) → security-oncall responds (30m) = 35m: fast enough;
 *   chain 2: weekly-audit detects (3d): too slow, never holds.
 * egress-monitor depends on log-pipeline, so failing log-pipeline breaks chain 1 and with it
 * the scenario, the claim and the pathway.
 */
export const makeScenarioCase = (): Case =>
  makeCase({
    pathways: [makePathway({ key: 'self-exfiltration', supports: ['exfil-stopped'] })],
    claims: [makeClaim({ key: 'exfil-stopped', supports: ['weights-copied'] })],
    mitigations: [
      makeMitigation({ key: 'egress-monitor', dependsOn: ['log-pipeline'] }),
      ...['log-pipeline', 'security-oncall', 'weekly-audit'].map((key) => makeMitigation({ key })),
    ],
    scenarios: [
      makeScenario({
        key: 'weights-copied',
        pathway: 'self-exfiltration',
        title: 'The model copies a checkpoint to an external bucket',
        timeToHarm: 7200,
        chains: [
          {
            steps: [
              { mitigation: 'egress-monitor', action: 'detects', latency: 300 },
              { mitigation: 'security-oncall', action: 'responds', latency: 1800 },
            ],
          },
          { steps: [{ mitigation: 'weekly-audit', action: 'detects', latency: 3 * 86_400 }] },
        ],
      }),
    ],
  });
