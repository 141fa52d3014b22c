import { countText } from '../format';
import { GATHERING_PROGRESS, type GatheringProgress, type GatheringProgressData } from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';

/** Per pathway key, how far the information gathering has come (SPEC §8). */
export function useGatheringProgress(
  report: string,
  refresh: number,
): Map<string, GatheringProgress> {
  const { data } = useQuery<GatheringProgressData>(GATHERING_PROGRESS, { report }, refresh);
  return new Map(data?.report?.gatheringProgress.map((p) => [p.pathway.key, p]));
}

/** "12 of 30 steps confirmed", with a bar of the confirmed share (the text says it all). */
export function GatheringBar(props: { progress: GatheringProgress; compact?: boolean }) {
  const { pathway, scenarios, steps, confirmed } = props.progress;
  const share = steps === 0 ? 0 : confirmed / steps;
  return (
    <span
      class={props.compact ? 'gathering compact' : 'gathering'}
      data-testid="gathering"
      data-key={pathway.key}
      data-confirmed={confirmed}
      data-steps={steps}
      title={`Information gathering: ${Math.round(share * 100)}% of the response steps confirmed by their teams`}
    >
      <span class="gathering-bar" aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </span>
      <span class="gathering-text">
        {confirmed} of {countText(steps, 'step')} confirmed
        {!props.compact && ` · ${countText(scenarios, 'scenario')}`}
      </span>
    </span>
  );
}

/** On a pathway of the overview: its scenarios (a link to them) and their steps confirmed. */
export function PathwayGathering(props: {
  report: string;
  /** Undefined when the pathway has no scenarios. */
  progress?: GatheringProgress;
  findings: FindingsMode;
}) {
  const { progress } = props;
  if (!progress || progress.scenarios === 0) return null;
  return (
    <div class="detail" data-testid="pathway-gathering">
      <a
        href={routeHash({
          report: props.report,
          view: 'scenarios',
          pathway: progress.pathway.key,
          findings: props.findings,
        })}
        data-testid="pathway-scenarios"
      >
        {countText(progress.scenarios, 'scenario')}
      </a>{' '}
      · <GatheringBar progress={progress} compact />
    </div>
  );
}
