import { gql } from '../api';
import { countText, statusText, whenText } from '../format';
import {
  EXPORT_REVIEW,
  REVIEW_IMPACT,
  REVIEWS,
  type ExportReviewData,
  type Finding,
  type FindingReply,
  type Review,
  type ReviewImpactData,
  type ReviewsData,
} from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';

const margin = (m: number | null) => (m === null ? '>4' : String(m));

/** What a finding is on: a node key, or the support link `to ← from`. */
const targetOf = (f: Finding) => f.node ?? `${f.link!.to} ← ${f.link!.from}`;

/**
 * SPEC §7: the report's reviews; for the chosen one (the first when none is) what its critique
 * breaks or weakens (`reviewImpact`) and its findings grouped by the node or link they are on,
 * each with its thread.
 */
export function ReviewView(props: {
  report: string;
  review?: string;
  findings: FindingsMode;
  refresh: number;
}) {
  const { data, error } = useQuery<ReviewsData>(REVIEWS, { report: props.report }, props.refresh);
  const reviews = data?.report?.reviews;
  const review = reviews?.find((r) => r.key === props.review) ?? reviews?.[0];
  const impact = useQuery<ReviewImpactData>(
    REVIEW_IMPACT,
    { report: props.report, review: review?.key },
    props.refresh,
    !review,
  );
  if (error) return <p class="error">{error.message}</p>;
  if (!reviews) return <p class="loading">Loading…</p>;
  if (props.review && review?.key !== props.review) {
    return <p class="error">This report has no review {props.review}.</p>;
  }

  return (
    <section data-testid="review">
      <h1>Reviews</h1>
      {reviews.length === 0 ? (
        <p class="muted" data-testid="no-reviews">
          No review yet. An owner opens one with <code>createReview</code>; reviewers then add
          questions, comments and defeaters with <code>addFinding</code>.
        </p>
      ) : (
        <table class="reviews">
          <thead>
            <tr>
              <th>Review</th>
              <th>Reviewer</th>
              <th>Kind</th>
              <th>Clearance</th>
              <th>State</th>
              <th>Findings</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr
                key={r.key}
                class={r.key === review?.key ? 'chosen' : undefined}
                data-testid="review-row"
                data-key={r.key}
                data-state={r.state}
              >
                <td>
                  <a
                    href={routeHash({
                      report: props.report,
                      view: 'review',
                      review: r.key,
                      findings: props.findings,
                    })}
                  >
                    {r.title}
                  </a>
                  <div class="small">
                    <code>{r.key}</code>
                  </div>
                </td>
                <td>{r.reviewer}</td>
                <td>{r.kind}</td>
                <td>{r.clearance}</td>
                <td>{r.state}</td>
                <td>{openCount(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review && (
        <ReviewDetail
          report={props.report}
          review={review}
          impact={impact.data?.reviewImpact}
          impactError={impact.error}
        />
      )}
    </section>
  );
}

function openCount(r: Review): string {
  const open = r.findings.filter((f) => f.state === 'open' || f.state === 'addressed').length;
  return `${r.findings.length} (${open} open)`;
}

function ReviewDetail(props: {
  report: string;
  review: Review;
  impact?: ReviewImpactData['reviewImpact'];
  impactError?: Error;
}) {
  const { review, impact } = props;
  const groups = new Map<string, Finding[]>();
  for (const f of review.findings) groups.set(targetOf(f), [...(groups.get(targetOf(f)) ?? []), f]);

  const download = async () => {
    const { exportReview } = await gql<ExportReviewData>(EXPORT_REVIEW, {
      report: props.report,
      review: review.key,
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([exportReview], { type: 'text/markdown' }));
    link.download = `${props.report}-${review.key}.md`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div data-testid="review-detail" data-key={review.key}>
      <h2>{review.title}</h2>
      <p class="muted small">
        {review.reviewer} · {review.kind} · {review.clearance} clearance · {review.state}, opened{' '}
        {whenText(review.createdAt)}
        {review.closedAt && `, closed ${whenText(review.closedAt)}`} ·{' '}
        <button class="link" onClick={() => void download()} data-testid="export-review">
          Download as Markdown
        </button>
      </p>

      <h3>Impact</h3>
      {props.impactError && <p class="error">{props.impactError.message}</p>}
      {impact && <Impact impact={impact} />}

      <h3>Findings ({review.findings.length})</h3>
      {review.findings.length === 0 && <p class="muted">No finding yet.</p>}
      {[...groups].map(([target, findings]) => (
        <div key={target} class="finding-group" data-testid="finding-group" data-target={target}>
          <h4>
            <code>{target}</code>
            {findings[0].link && <span class="muted small"> (the support link)</span>}
          </h4>
          <ul class="findings">
            {findings.map((f) => (
              <li
                key={f.number}
                class={`finding finding-${f.state}`}
                data-testid="finding"
                data-number={f.number}
                data-kind={f.kind}
                data-defeats={f.defeats ?? ''}
                data-state={f.state}
              >
                <div>
                  <b>#{f.number}</b> {f.kind}
                  {f.defeats && ` (${f.defeats})`} <span class="badge">{f.state}</span>
                </div>
                <p class="finding-body">{f.body}</p>
                <div class="muted small">
                  {f.author ?? 'someone'}, {whenText(f.createdAt)}
                </div>
                <Thread replies={f.replies} parent={null} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** What the critique breaks or weakens, as sentences. */
function Impact({ impact }: { impact: ReviewImpactData['reviewImpact'] }) {
  const changes =
    impact.brokenPathways.length + impact.brokenClaims.length + impact.weakened.length;
  return (
    <div data-testid="review-impact" data-defeaters={impact.defeaters}>
      <p class="muted small">
        {countText(impact.defeaters, 'open or accepted defeater')} applied, against the argument
        with no findings.
      </p>
      {changes === 0 ? (
        <p data-testid="impact-none">This critique breaks and weakens nothing.</p>
      ) : (
        <ul class="impact">
          {impact.brokenPathways.map((p) => (
            <li
              key={p.key}
              class="state-broken-text"
              data-testid="impact-broken"
              data-kind="pathway"
              data-key={p.key}
            >
              This critique breaks pathway <b>{p.title}</b> (<code>{p.key}</code>).
            </li>
          ))}
          {impact.brokenClaims.map((c) => (
            <li
              key={c.key}
              class="state-broken-text"
              data-testid="impact-broken"
              data-kind="claim"
              data-key={c.key}
            >
              This critique breaks claim <code>{c.key}</code>: {c.statement}
            </li>
          ))}
          {impact.weakened.map((w) => (
            <li key={w.key} data-testid="impact-weakened" data-kind={w.nodeKind} data-key={w.key}>
              It weakens {w.nodeKind} <code>{w.key}</code>: margin {margin(w.before)} →{' '}
              {margin(w.after)}.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The replies answering `parent` (null: the finding itself), each with its own answers. */
function Thread(props: { replies: FindingReply[]; parent: string | null }) {
  const answers = props.replies.filter((r) => r.parentId === props.parent);
  if (answers.length === 0) return null;
  return (
    <ul class="thread">
      {answers.map((r) => (
        <li key={r.id} data-testid="reply" data-id={r.id}>
          {r.movedTo && <span class="badge">→ {statusText(r.movedTo)}</span>} {r.body}
          <div class="muted small">
            {r.author ?? 'someone'}, {whenText(r.createdAt)}
          </div>
          <Thread replies={props.replies} parent={r.id} />
        </li>
      ))}
    </ul>
  );
}
