import { countText } from '../format';
import { FINDING_TARGETS, type FindingTargetsData } from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';

/** The findings still to settle on one node: how many, and the review the first is in. */
export interface NodeFindings {
  count: number;
  review: string;
  /** `<review> #<number>` of each. */
  labels: string[];
}

/**
 * Per node key, the findings of open reviews still open or addressed (as `readiness.openFindings`
 * counts them). A finding on the support link X ← Y counts on X, the argument it attacks.
 */
export function useOpenFindings(report: string, refresh: number): Map<string, NodeFindings> {
  const { data } = useQuery<FindingTargetsData>(FINDING_TARGETS, { report }, refresh);
  const byNode = new Map<string, NodeFindings>();
  for (const review of data?.report?.reviews ?? []) {
    if (review.state !== 'open') continue;
    for (const f of review.findings) {
      if (f.state !== 'open' && f.state !== 'addressed') continue;
      const key = f.node ?? f.link!.to;
      const entry = byNode.get(key) ?? { count: 0, review: review.key, labels: [] };
      entry.count++;
      entry.labels.push(`${review.key} #${f.number}`);
      byNode.set(key, entry);
    }
  }
  return byNode;
}

/** A node's open findings as a badge linking to the review view; nothing when it has none. */
export function FindingsBadge(props: {
  report: string;
  open?: NodeFindings;
  /** The findings mode, kept in the link. */
  findings: FindingsMode;
}) {
  if (!props.open) return null;
  const { count, review, labels } = props.open;
  return (
    <a
      class="badge finding"
      href={routeHash({ report: props.report, view: 'review', review, findings: props.findings })}
      title={`Open review findings: ${labels.join(', ')}`}
      data-testid="findings-badge"
      data-count={count}
    >
      {countText(count, 'open finding')}
    </a>
  );
}
