import { screenshot } from '../utils/browser';
import { importCases, useDashboard } from '../utils/browser-fixture';

const R = 'scenario-timeline';
const EXFILTRATION = 'self-exfiltration';
const SANDBAGGING = 'sandbagging';
const COPIED = 'weights-copied';
const HIDDEN = 'capability-hidden';

/**
 * Two pathways, each resting on a scenario (SPEC §8). weights-copied (harm after 2h) has three
 * chains: #0 the weekly audit, 3d: too slow; #1 the failed DLP scanner and the on-call, 35m: fast
 * enough but broken; #2 the egress monitor, the paged on-call and the revocation, 35m: holds, a
 * margin of 1h25m. capability-hidden (harm after 1d) has only the weekly audit: it does not hold.
 * Two of weights-copied's six steps are confirmed, none of capability-hidden's one.
 */
const CASE = `format: loadbearing/v1
report:
  key: ${R}
  title: Scenario timeline
teams:
  - key: security
  - key: evals
pathways:
  - key: ${EXFILTRATION}
    title: Self-exfiltration
    supports: [exfil-stopped]
  - key: ${SANDBAGGING}
    title: Sandbagging on evaluations
    supports: [sandbagging-caught]
claims:
  - key: exfil-stopped
    statement: A copy of the weights would be stopped before it is used.
    supports: [${COPIED}]
  - key: sandbagging-caught
    statement: Hidden capabilities would be found before deployment.
    supports: [${HIDDEN}]
mitigations:
  - {key: egress-monitor, title: Egress volume monitor, team: security, status: in_place}
  - {key: security-oncall, title: Security on-call rota, team: security, status: in_place}
  - {key: credential-revocation, title: Credential revocation, team: security, status: in_place}
  - {key: dlp-scanner, title: DLP scanner, team: security, status: failed}
  - {key: weekly-audit, title: Weekly access audit, team: evals, status: in_place}
scenarios:
  - key: ${COPIED}
    pathway: ${EXFILTRATION}
    title: The model copies a checkpoint to an external bucket
    timeToHarm: 2h
    chains:
      - steps:
          - {mitigation: weekly-audit, action: detects, latency: 3d}
      - steps:
          - {mitigation: dlp-scanner, action: detects, latency: 5m, automatic: true}
          - {mitigation: security-oncall, action: responds, latency: 30m, paged: true}
      - steps:
          - mitigation: egress-monitor
            action: detects
            latency: 5m
            automatic: true
            confirmed: {by: Ana, at: "2026-01-10T09:00:00Z", note: Alert fires within 5 minutes}
          - {mitigation: security-oncall, action: responds, latency: 20m, paged: true}
          - mitigation: credential-revocation
            action: contains
            latency: 10m
            confirmed: {by: Ana, at: "2026-01-10T09:00:00Z"}
  - key: ${HIDDEN}
    pathway: ${SANDBAGGING}
    title: The model hides a capability during evaluations
    timeToHarm: 1d
    chains:
      - steps:
          - {mitigation: weekly-audit, action: detects, latency: 3d}
`;

const SCENARIOS = `query($r: String!) { report(key: $r) { scenarios {
  key holds fastestChain responseMargin chains { index fastEnough holds } } } }`;
type ScenariosAnswer = {
  report: {
    scenarios: {
      key: string;
      holds: boolean;
      fastestChain: number | null;
      responseMargin: number | null;
      chains: { index: number; fastEnough: boolean; holds: boolean }[];
    }[];
  };
};

describe('the dashboard’s scenarios view: response chains against the time to harm', () => {
  const ui = useDashboard((t) => importCases(t, [CASE]));
  const { api, open } = ui;

  /** The chains of a scenario as the timeline marks them, with the text that explains each. */
  const shownChains = (scenario: string) =>
    ui.page.$$eval(`[data-testid=scenario][data-key=${scenario}] [data-testid=chain]`, (chains) =>
      chains.map((chain) => ({
        index: Number(chain.getAttribute('data-index')),
        fastEnough: chain.getAttribute('data-fast-enough') === 'true',
        holds: chain.getAttribute('data-holds') === 'true',
        fastest: chain.getAttribute('data-fastest') === 'true',
        verdict: chain.querySelector('[data-testid=chain-verdict]')?.textContent ?? '',
        steps: [...chain.querySelectorAll('[data-testid=step]')].map((step) => ({
          mitigation: step.getAttribute('data-mitigation'),
          confirmed: step.getAttribute('data-confirmed') === 'true',
          text: step.textContent ?? '',
        })),
      })),
    );

  it('draws each chain as the API analyses it: the slow one and the broken one marked and explained, the margin of the fastest', async () => {
    const { scenarios } = (await api<ScenariosAnswer>(SCENARIOS, { r: R })).report;
    const copied = scenarios.find((s) => s.key === COPIED)!;
    expect(copied).toMatchObject({ holds: true, fastestChain: 2, responseMargin: 5100 });
    expect(copied.chains).toEqual([
      { index: 0, fastEnough: false, holds: false },
      { index: 1, fastEnough: true, holds: false },
      { index: 2, fastEnough: true, holds: true },
    ]);

    await open(`/${R}/scenarios`);
    await ui.page.waitForSelector(`[data-testid=scenario][data-key=${COPIED}]`);
    const chains = await shownChains(COPIED);
    expect(chains.map(({ index, fastEnough, holds }) => ({ index, fastEnough, holds }))).toEqual(
      copied.chains,
    );
    expect(chains.map((c) => c.fastest)).toEqual([false, false, true]);

    const [slow, broken, holding] = chains;
    expect(slow.verdict).toBe('Too slow: done after 3d, 2d22h after the harm.');
    expect(broken.verdict).toBe('Broken: dlp-scanner (failed) does not hold.');
    expect(holding.verdict).toBe('Holds: done after 35m, 1h25m before the harm.');
    expect(
      await ui.page.textContent(
        `[data-testid=scenario][data-key=${COPIED}] [data-testid=response-margin]`,
      ),
    ).toBe('margin 1h25m');
    expect(
      await ui.page.textContent(`[data-testid=scenario][data-key=${COPIED}] .chain-label`),
    ).toContain('too slow');

    // Each step labelled with its mitigation, action and latency, paged and automatic marked.
    expect(holding.steps.map((s) => s.text)).toEqual([
      'egress-monitor detects · 5m · automatic',
      'security-oncall responds · 20m · paged · unconfirmed',
      'credential-revocation contains · 10m',
    ]);
    expect(broken.steps[0].text).toContain('does not hold (failed)');
    // Unconfirmed steps marked: two of the seven are confirmed.
    const confirmed = chains.flatMap((c) => c.steps).filter((s) => s.confirmed);
    expect(confirmed.map((s) => s.mitigation)).toEqual(['egress-monitor', 'credential-revocation']);

    const hidden = await ui.page.$(`[data-testid=scenario][data-key=${HIDDEN}]`);
    expect(await hidden?.getAttribute('data-holds')).toBe('false');
    expect(await hidden?.textContent()).toContain('Does not hold');
    await screenshot(ui.page, 'scenarios');
  });

  it('groups the scenarios by pathway, filters to one in the address, and is linked from the overview', async () => {
    await open(`/${R}/scenarios`);
    await ui.page.waitForSelector('[data-testid=scenario-pathway]');
    const groups = () =>
      ui.page.$$eval('[data-testid=scenario-pathway]', (sections) =>
        sections.map((s) => ({
          pathway: s.getAttribute('data-key'),
          scenarios: [...s.querySelectorAll('[data-testid=scenario]')].map((a) =>
            a.getAttribute('data-key'),
          ),
        })),
      );
    expect(await groups()).toEqual([
      { pathway: EXFILTRATION, scenarios: [COPIED] },
      { pathway: SANDBAGGING, scenarios: [HIDDEN] },
    ]);

    await ui.page.selectOption('[data-testid=scenario-pathway-filter]', SANDBAGGING);
    await ui.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=scenario-pathway]').length === 1,
    );
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/scenarios/${SANDBAGGING}`);
    expect(await groups()).toEqual([{ pathway: SANDBAGGING, scenarios: [HIDDEN] }]);

    await open(`/${R}/overview`);
    const link = `[data-testid=pathway][data-key=${EXFILTRATION}] [data-testid=pathway-scenarios]`;
    await ui.page.waitForSelector(link);
    expect(await ui.page.textContent(link)).toBe('1 scenario');
    await ui.page.click(link);
    await ui.page.waitForSelector(`[data-testid=scenario-pathway][data-key=${EXFILTRATION}]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/scenarios/${EXFILTRATION}`);
    expect(await groups()).toEqual([{ pathway: EXFILTRATION, scenarios: [COPIED] }]);
  });

  it('shows the information gathering’s progress per pathway, on the overview and the scenarios view', async () => {
    const progress = `[data-testid=gathering][data-key=${EXFILTRATION}]`;
    await open(`/${R}/overview`);
    await ui.page.waitForSelector(progress);
    expect(await ui.page.textContent(progress)).toBe('2 of 6 steps confirmed');
    await screenshot(ui.page, 'overview-gathering');

    await open(`/${R}/scenarios`);
    await ui.page.waitForSelector(progress);
    expect(await ui.page.textContent(progress)).toBe('2 of 6 steps confirmed · 1 scenario');
    expect(await ui.page.textContent(`[data-testid=gathering][data-key=${SANDBAGGING}]`)).toBe(
      '0 of 1 step confirmed · 1 scenario',
    );
  });

  it('re-times a mitigation in the what-breaks panel: the on-call not paged breaks the scenario', async () => {
    const { whatBreaks } = await api<{ whatBreaks: { brokenScenarios: { key: string }[] } }>(
      `query($r: String!) { whatBreaks(report: $r, failed: [],
        latencies: [{ mitigation: "security-oncall", latency: "4h" }]) { brokenScenarios { key } } }`,
      { r: R },
    );
    expect(whatBreaks.brokenScenarios.map((s) => s.key)).toEqual([COPIED]);

    await open(`/${R}/scenarios`);
    await ui.page.waitForSelector(`[data-testid=scenario][data-key=${COPIED}]`);
    await ui.page.fill('[data-testid=retime-mitigation]', 'security-oncall');
    await ui.page.fill('[data-testid=retime-latency]', '4h');
    await ui.page.click('[data-testid=retime-form] button[type=submit]');
    await ui.page.waitForSelector(`[data-testid=broken-scenarios] [data-key=${COPIED}]`);
    expect(await ui.page.textContent('[data-testid=retimed]')).toBe('security-oncall takes 4h ✕');
    await ui.page.waitForSelector(`[data-testid=scenario][data-key=${COPIED}].simulated-broken`);
    expect(
      await ui.page.textContent(`[data-testid=scenario][data-key=${COPIED}] .scenario-head`),
    ).toContain('breaks in simulation');
    expect(
      await ui.page.$$eval(
        `[data-testid=scenario][data-key=${COPIED}] [data-testid=step][data-mitigation=security-oncall]`,
        (steps) => steps.map((s) => s.textContent?.includes('re-timed to 4h in simulation')),
      ),
    ).toEqual([true, true]);

    // Dropping the re-timing ends the simulation.
    await ui.page.click('[data-testid=retimed]');
    await ui.page.waitForSelector('[data-testid=simulation-result]', { state: 'detached' });
  });
});
