import type { Simulation } from '../app';
import { durationText, statusText, whenText } from '../format';
import {
  SCENARIOS,
  type ResponseChain,
  type ResponseStep,
  type Scenario,
  type ScenariosData,
} from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';
import { GatheringBar, useGatheringProgress } from './gathering';

/**
 * How far past the time to harm the axis reaches at most, as a multiple of it: a chain that
 * takes days against hours to harm runs off the axis (and says how long it takes) rather than
 * squeezing the time to harm into a sliver.
 */
const AXIS_REACH = 2;

/**
 * SPEC §8: each scenario as a timeline of its response chains against its time to harm, grouped
 * by the pathway it illustrates (one pathway, when `pathway` is given), with the information
 * gathering's progress per pathway and the simulation's failures and re-timings marked.
 */
export function ScenariosView(props: {
  report: string;
  /** The pathway whose scenarios are shown; all when absent. */
  pathway?: string;
  onPathway(pathway: string | undefined): void;
  refresh: number;
  simulation: Simulation;
  findings: FindingsMode;
}) {
  const { data, error } = useQuery<ScenariosData>(
    SCENARIOS,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  const progress = useGatheringProgress(props.report, props.refresh);
  if (error) return <p class="error">{error.message}</p>;
  const report = data?.report;
  if (!report) return <p class="loading">Loading…</p>;

  const scenariosOf = (pathway: string) =>
    report.scenarios.filter((s) => s.pathway.key === pathway);
  const illustrated = report.pathways.filter(
    (p) => p.key === props.pathway || scenariosOf(p.key).length > 0,
  );
  const shown = illustrated.filter((p) => !props.pathway || p.key === props.pathway);
  const simulation = props.simulation;
  const brokenInSimulation = new Set(simulation.result?.brokenScenarios.map((s) => s.key));
  const failing = new Set([
    ...simulation.failed,
    ...(simulation.result?.alsoFailed ?? []).map((m) => m.key),
  ]);
  const retimed = new Map(simulation.retimed.map((o) => [o.mitigation, o.latency]));

  return (
    <section data-testid="scenarios">
      <h1>Scenarios</h1>
      <p class="muted small">
        Each scenario’s response chains laid out in time: a chain stops the behaviour when it is
        done before the time to harm and every step’s mitigation holds. Any one such chain suffices.
      </p>
      <div class="filters">
        <select
          aria-label="Pathway"
          value={props.pathway ?? ''}
          onChange={(e) => props.onPathway(e.currentTarget.value || undefined)}
          data-testid="scenario-pathway-filter"
        >
          <option value="">All pathways</option>
          {illustrated.map((p) => (
            <option key={p.key} value={p.key}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      {props.pathway && !report.pathways.some((p) => p.key === props.pathway) && (
        <p class="error">This report has no pathway {props.pathway}.</p>
      )}
      {report.scenarios.length === 0 && (
        <p class="muted" data-testid="no-scenarios">
          This report has no scenarios yet (SPEC §8).
        </p>
      )}
      {shown.map((pathway) => (
        <section
          key={pathway.key}
          class="scenario-pathway"
          data-testid="scenario-pathway"
          data-key={pathway.key}
        >
          <h2>
            {pathway.title}{' '}
            <a
              class="small"
              href={routeHash({
                report: props.report,
                view: 'diagram',
                pathway: pathway.key,
                findings: props.findings,
              })}
            >
              diagram
            </a>
          </h2>
          {progress.has(pathway.key) && <GatheringBar progress={progress.get(pathway.key)!} />}
          {scenariosOf(pathway.key).length === 0 && (
            <p class="muted">No scenario illustrates this pathway yet.</p>
          )}
          {scenariosOf(pathway.key).map((scenario) => (
            <ScenarioTimeline
              key={scenario.key}
              scenario={scenario}
              brokenInSimulation={brokenInSimulation.has(scenario.key)}
              failing={failing}
              retimed={retimed}
            />
          ))}
        </section>
      ))}
    </section>
  );
}

function ScenarioTimeline(props: {
  scenario: Scenario;
  brokenInSimulation: boolean;
  /** The mitigations failing in the simulation. */
  failing: Set<string>;
  /** The simulation's latency for each re-timed mitigation's steps. */
  retimed: Map<string, string>;
}) {
  const { scenario } = props;
  const { timeToHarm } = scenario;
  const longest = Math.max(0, ...scenario.chains.map((c) => c.latency));
  // At least a second, so that a time to harm of 0s still has an axis.
  const axisEnd = Math.max(timeToHarm, Math.min(longest, AXIS_REACH * timeToHarm), 1);
  const at = (seconds: number) => (Math.min(seconds, axisEnd) / axisEnd) * 100;
  const fastest = scenario.chains.find((c) => c.index === scenario.fastestChain);

  return (
    <article
      class={`scenario ${scenario.holds ? 'state-holds' : 'state-broken'}${props.brokenInSimulation ? ' simulated-broken' : ''}`}
      data-testid="scenario"
      data-key={scenario.key}
      data-holds={String(scenario.holds)}
    >
      <div class="scenario-head">
        <span class="scenario-title">{scenario.title}</span>
        <code>{scenario.key}</code>
        {props.brokenInSimulation && <span class="badge broken">breaks in simulation</span>}
      </div>
      {scenario.description && <p class="muted small">{scenario.description}</p>}
      <p class="scenario-summary" data-testid="scenario-summary">
        {fastest && scenario.responseMargin !== null ? (
          <>
            Holds: chain {fastest.index + 1} stops it in {durationText(fastest.latency)}, harm after{' '}
            {durationText(timeToHarm)} ·{' '}
            <b data-testid="response-margin">margin {durationText(scenario.responseMargin)}</b>
          </>
        ) : (
          <>
            <b>Does not hold</b>: no chain is both done within {durationText(timeToHarm)} and
            holding.
          </>
        )}
      </p>
      <div class="timeline-axis" aria-hidden="true">
        <span class="start" style={{ left: '0%' }}>
          0
        </span>
        <span
          class={axisEnd > timeToHarm ? 'harm' : 'harm end'}
          style={{ left: `${at(timeToHarm)}%` }}
        >
          harm at {durationText(timeToHarm)}
        </span>
        {axisEnd > timeToHarm && (
          <span class="end" style={{ left: '100%' }}>
            {durationText(axisEnd)}
          </span>
        )}
      </div>
      <ol class="chains">
        {scenario.chains.map((chain) => (
          <ChainBar
            key={chain.index}
            chain={chain}
            fastest={chain.index === scenario.fastestChain}
            timeToHarm={timeToHarm}
            at={at}
            runsOffAxis={chain.latency > axisEnd}
            failing={props.failing}
            retimed={props.retimed}
          />
        ))}
      </ol>
    </article>
  );
}

function ChainBar(props: {
  chain: ResponseChain;
  fastest: boolean;
  timeToHarm: number;
  /** The position of an instant on the axis, in percent. */
  at: (seconds: number) => number;
  runsOffAxis: boolean;
  failing: Set<string>;
  retimed: Map<string, string>;
}) {
  const { chain, at } = props;
  const broken = chain.steps.filter((s) => !s.mitigation.holds);
  let start = 0;
  const steps = chain.steps.map((step) => {
    const from = start;
    start += step.latency;
    const described = describeStep(
      step,
      props.failing.has(step.mitigation.key),
      props.retimed.get(step.mitigation.key),
    );
    return { step, from, to: start, ...described };
  });
  const state = !chain.fastEnough ? 'too-slow' : chain.holds ? 'holding' : 'broken';

  return (
    <li
      class={`chain ${state}`}
      data-testid="chain"
      data-index={chain.index}
      data-fast-enough={String(chain.fastEnough)}
      data-holds={String(chain.holds)}
      data-fastest={String(props.fastest)}
    >
      <div class="chain-label">
        Chain {chain.index + 1} · {durationText(chain.latency)}
        {props.fastest && <span class="badge ready">fastest holding</span>}
        {!chain.fastEnough && <span class="badge broken">too slow</span>}
        {chain.fastEnough && !chain.holds && <span class="badge broken">broken</span>}
      </div>
      {/* The bar repeats the step list below it, drawn to scale; the list is its text. */}
      <div class="track" aria-hidden="true">
        {steps.map(({ step, from, to, classes, title }, i) => (
          <span
            key={i}
            class={classes}
            style={{ left: `${at(from)}%`, width: `${at(to) - at(from)}%` }}
            title={title}
          >
            {step.mitigation.key} {step.action}
          </span>
        ))}
        <span class="harm-line" style={{ left: `${at(props.timeToHarm)}%` }} />
        {props.runsOffAxis && <span class="off-axis">→ {durationText(chain.latency)}</span>}
      </div>
      <ol class="step-list" aria-label={`Chain ${chain.index + 1}, its steps in order`}>
        {steps.map(({ step, label, marks, title }, i) => (
          <li
            key={i}
            title={title}
            data-testid="step"
            data-mitigation={step.mitigation.key}
            data-confirmed={String(step.confirmed !== null)}
          >
            {label}
            {marks.length > 0 && <span class="step-marks"> · {marks.join(' · ')}</span>}
          </li>
        ))}
      </ol>
      <p class="chain-verdict" data-testid="chain-verdict">
        {chainVerdict(chain, props.timeToHarm, broken)}
      </p>
    </li>
  );
}

/** Why a chain does or does not stop the behaviour, in words (the colours only repeat it). */
function chainVerdict(chain: ResponseChain, timeToHarm: number, broken: ResponseStep[]): string {
  const reasons: string[] = [];
  if (!chain.fastEnough) {
    reasons.push(
      `too slow: done after ${durationText(chain.latency)}, ${durationText(chain.latency - timeToHarm)} after the harm`,
    );
  }
  if (broken.length > 0) {
    const names = broken.map((s) => `${s.mitigation.key} (${statusText(s.mitigation.status)})`);
    reasons.push(`broken: ${names.join(', ')} ${broken.length === 1 ? 'does' : 'do'} not hold`);
  } else if (chain.fastEnough && !chain.holds) {
    reasons.push('broken: a step’s mitigation does not hold');
  }
  if (reasons.length === 0) {
    return `Holds: done after ${durationText(chain.latency)}, ${durationText(timeToHarm - chain.latency)} before the harm.`;
  }
  const text = reasons.join('; ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/**
 * A step in words: its label (mitigation, action, latency), what marks it (paged, automatic, not
 * holding, unconfirmed, failing or re-timed in the simulation), its segment's classes and its
 * tooltip (the mitigation's title, the team, who confirmed it).
 */
function describeStep(step: ResponseStep, failing: boolean, retimedTo: string | undefined) {
  const unconfirmed = step.confirmed === null;
  const marks = [
    step.paged && 'paged',
    step.automatic && 'automatic',
    !step.mitigation.holds && `does not hold (${statusText(step.mitigation.status)})`,
    unconfirmed && 'unconfirmed',
    failing && 'fails in simulation',
    retimedTo && `re-timed to ${retimedTo} in simulation`,
  ].filter((mark): mark is string => typeof mark === 'string');
  const label = `${step.mitigation.key} ${step.action} · ${durationText(step.latency)}`;
  const confirmation = step.confirmed
    ? `confirmed by ${step.confirmed.by}, ${whenText(step.confirmed.at)}${step.confirmed.note ? `: ${step.confirmed.note}` : ''}`
    : 'not yet confirmed by its team';
  const classes = [
    'step',
    !step.mitigation.holds && 'not-holding',
    step.paged && 'paged',
    step.automatic && 'automatic',
    unconfirmed && 'unconfirmed',
    failing && 'failing',
  ]
    .filter(Boolean)
    .join(' ');
  const team = step.team ? ` (${step.team})` : '';
  const title = `${step.mitigation.title}${team}: ${[label, ...marks].join(' · ')}. ${confirmation}.`;
  return { label, marks, classes, title };
}
