import { whenText } from '../format';
import { TEAM_REQUESTS, TEAMS, type TeamRequestsData, type TeamsData } from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';

/** A link to the team view of `team`; `—` for a mitigation no team owns. */
export function TeamLink(props: { report: string; team: string | null; findings: FindingsMode }) {
  if (!props.team) return <>—</>;
  return (
    <a
      href={routeHash({
        report: props.report,
        view: 'team',
        team: props.team,
        findings: props.findings,
      })}
      data-testid="team-link"
    >
      {props.team}
    </a>
  );
}

/**
 * SPEC §7: what a team has been asked and not yet answered, oldest request first, overdue ones
 * marked (open past their due date); each names the nodes it is about and the review it serves.
 */
export function TeamRequestsView(props: {
  report: string;
  /** The team shown; the first when none is chosen. */
  team?: string;
  onTeam(team: string): void;
  findings: FindingsMode;
  refresh: number;
}) {
  const teams = useQuery<TeamsData>(TEAMS, { report: props.report }, props.refresh);
  const key = props.team ?? teams.data?.report?.teams[0]?.key;
  const { data, error } = useQuery<TeamRequestsData>(
    TEAM_REQUESTS,
    { report: props.report, team: key },
    props.refresh,
    !key,
  );
  const failure = teams.error ?? error;
  if (failure) return <p class="error">{failure.message}</p>;
  const all = teams.data?.report?.teams;
  if (!all) return <p class="loading">Loading…</p>;
  if (all.length === 0) return <p class="muted">This report names no team.</p>;
  const team = all.find((t) => t.key === key);
  if (!team) return <p class="error">This report has no team {key}.</p>;
  const requests = data?.report?.informationRequests;
  if (!requests) return <p class="loading">Loading…</p>;
  const overdue = requests.filter((r) => r.overdue).length;

  return (
    <section data-testid="team" data-key={team.key}>
      <h1>{team.name ?? team.key}: open information requests</h1>
      <div class="filters">
        <select
          aria-label="Team"
          value={team.key}
          onChange={(e) => props.onTeam(e.currentTarget.value)}
          data-testid="team-select"
        >
          {all.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name ?? t.key}
            </option>
          ))}
        </select>
      </div>
      {requests.length === 0 ? (
        <p class="muted" data-testid="no-requests">
          Nothing to answer: no open request to this team.
        </p>
      ) : (
        <>
          <p class="muted small">
            {requests.length} open, <b data-testid="overdue-count">{overdue}</b> overdue.
          </p>
          <table class="requests">
            <thead>
              <tr>
                <th>#</th>
                <th>Question</th>
                <th>About</th>
                <th>Due</th>
                <th>Review</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr
                  key={r.number}
                  class={r.overdue ? 'overdue' : undefined}
                  data-testid="request"
                  data-number={r.number}
                  data-overdue={String(r.overdue)}
                >
                  <td>{r.number}</td>
                  <td>
                    {r.question}
                    <div class="muted small">
                      asked {r.askedBy ? `by ${r.askedBy}, ` : ''}
                      {whenText(r.createdAt)}
                    </div>
                  </td>
                  <td>
                    {r.nodes.length === 0
                      ? '—'
                      : r.nodes.map((key) => (
                          <code key={key} class="chip" data-testid="request-node">
                            {key}
                          </code>
                        ))}
                  </td>
                  <td>
                    {whenText(r.dueAt)}
                    {r.overdue && <span class="badge broken">overdue</span>}
                  </td>
                  <td>
                    {r.review ? (
                      <a
                        href={routeHash({
                          report: props.report,
                          view: 'review',
                          review: r.review,
                          findings: props.findings,
                        })}
                        data-testid="request-review"
                      >
                        {r.review}
                      </a>
                    ) : (
                      <span class="muted">information gathering</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
