import { useMemo, useState } from 'preact/hooks';
import type { Simulation } from '../app';
import { marginClass, marginText, statusText } from '../format';
import {
  MATRIX,
  TEAM_CONTROLS,
  type MatrixData,
  type MatrixRow,
  type TeamControlsData,
} from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';
import { FindingsBadge, useOpenFindings } from './findings-badge';
import { TeamLink } from './team';

const PAGE_SIZE = 50;
type SortKey = 'key' | 'team' | 'kind' | 'loadBearing';

const COMPARE: Record<SortKey, (a: MatrixRow, b: MatrixRow) => number> = {
  key: (a, b) => a.mitigation.key.localeCompare(b.mitigation.key),
  team: (a, b) => (a.mitigation.team ?? '').localeCompare(b.mitigation.team ?? ''),
  kind: (a, b) => a.mitigation.kind.localeCompare(b.mitigation.kind),
  loadBearing: (a, b) => b.loadBearingCount - a.loadBearingCount,
};

/** Mitigations × pathways; paginated, so it stays quick with thousands of mitigations. */
export function MatrixView(props: {
  report: string;
  refresh: number;
  simulation: Simulation;
  findings: FindingsMode;
}) {
  const { data, error } = useQuery<MatrixData>(
    MATRIX,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  const open = useOpenFindings(props.report, props.refresh);
  const [team, setTeam] = useState('');
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const [onlyLoadBearing, setOnlyLoadBearing] = useState(false);
  const [sort, setSort] = useState<SortKey>('loadBearing');
  const [page, setPage] = useState(0);

  const matrix = data?.loadBearingMatrix;
  const rows = useMemo(() => {
    if (!matrix) return [];
    const needle = text.trim().toLowerCase();
    return matrix.rows
      .filter(
        (r) =>
          (!team || r.mitigation.team === team) &&
          (!kind || r.mitigation.kind === kind) &&
          (!onlyLoadBearing || r.loadBearingCount > 0) &&
          (!needle ||
            r.mitigation.key.includes(needle) ||
            r.mitigation.title.toLowerCase().includes(needle)),
      )
      .sort((a, b) => COMPARE[sort](a, b) || COMPARE.key(a, b));
  }, [matrix, team, kind, text, onlyLoadBearing, sort]);

  if (error) return <p class="error">{error.message}</p>;
  if (!matrix) return <p class="loading">Loading…</p>;

  const teams = [...new Set(matrix.rows.map((r) => r.mitigation.team).filter(Boolean))].sort();
  const kinds = [...new Set(matrix.rows.map((r) => r.mitigation.kind))].sort();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shownPage = Math.min(page, pages - 1);
  const shown = rows.slice(shownPage * PAGE_SIZE, (shownPage + 1) * PAGE_SIZE);
  const result = props.simulation.result;
  const brokenPathways = new Set(result?.brokenPathways.map((p) => p.key));
  const weakened = new Set(result?.weakened.map((w) => w.key));
  const failing = new Set([
    ...props.simulation.failed,
    ...(result?.alsoFailed ?? []).map((m) => m.key),
  ]);
  const filter = (set: (value: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    setPage(0);
  };

  return (
    <section data-testid="matrix">
      <h1>Load-bearing matrix</h1>
      <p class="muted">
        ● marks a mitigation whose failure alone breaks the pathway. Tick mitigations to simulate
        their failure.
      </p>
      <div class="filters">
        <select aria-label="Team" value={team} onChange={filter(setTeam)} data-testid="team-filter">
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t} value={t!}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label="Kind" value={kind} onChange={filter(setKind)} data-testid="kind-filter">
          <option value="">All kinds</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <input
          type="search"
          placeholder="Search mitigations"
          value={text}
          onInput={filter(setText)}
        />
        <label>
          <input
            type="checkbox"
            checked={onlyLoadBearing}
            onChange={(e) => {
              setOnlyLoadBearing(e.currentTarget.checked);
              setPage(0);
            }}
          />{' '}
          load-bearing only
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
            <option value="loadBearing">pathways resting on it</option>
            <option value="key">key</option>
            <option value="team">team</option>
            <option value="kind">kind</option>
          </select>
        </label>
      </div>
      <div class="matrix-scroll">
        <table class="matrix">
          <thead>
            <tr>
              <th>fail</th>
              <th>Mitigation</th>
              <th>Team</th>
              <th>Status</th>
              {matrix.columns.map((c) => (
                <th
                  key={c.pathway.key}
                  class={`col ${marginClass(c.margin, c.holds)}${brokenPathways.has(c.pathway.key) ? ' simulated-broken' : ''}${weakened.has(c.pathway.key) ? ' simulated-weakened' : ''}`}
                  title={`${c.pathway.title}: ${marginText(c.margin, c.holds)}`}
                  data-testid="matrix-column"
                  data-key={c.pathway.key}
                  data-holds={String(c.holds)}
                >
                  <span>{c.pathway.key}</span>
                  <small> ({c.holds ? (c.margin ?? '>4') : '✕'})</small>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.mitigation.key}
                class={failing.has(r.mitigation.key) ? 'failing' : undefined}
                data-testid="matrix-row"
                data-key={r.mitigation.key}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Simulate failure of ${r.mitigation.key}`}
                    checked={props.simulation.failed.includes(r.mitigation.key)}
                    onChange={() => props.simulation.toggle(r.mitigation.key)}
                    data-testid="fail-toggle"
                  />
                </td>
                <td title={r.mitigation.title}>
                  <code>{r.mitigation.key}</code>
                  <FindingsBadge
                    report={props.report}
                    open={open.get(r.mitigation.key)}
                    findings={props.findings}
                  />
                  <div class="muted small">{r.mitigation.title}</div>
                </td>
                <td>
                  <TeamLink
                    report={props.report}
                    team={r.mitigation.team}
                    findings={props.findings}
                  />
                </td>
                <td class={r.mitigation.holds ? '' : 'not-holding'}>
                  {statusText(r.mitigation.status)}
                </td>
                {r.cells.map((loadBearing, i) => (
                  <td
                    key={i}
                    class={`cell${loadBearing ? ' lb' : ''}${brokenPathways.has(matrix.columns[i].pathway.key) ? ' simulated-broken' : ''}`}
                  >
                    {loadBearing ? '●' : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <button disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
          ‹ Previous
        </button>
        <span data-testid="matrix-page">
          {rows.length === 0
            ? 'no mitigation matches'
            : `${shownPage * PAGE_SIZE + 1}–${shownPage * PAGE_SIZE + shown.length} of ${rows.length}`}
        </span>
        <button disabled={shownPage >= pages - 1} onClick={() => setPage(shownPage + 1)}>
          Next ›
        </button>
      </div>
      {team && (
        <TeamView
          report={props.report}
          team={team}
          refresh={props.refresh}
          findings={props.findings}
        />
      )}
    </section>
  );
}

/** "My controls and what rests on them": a team's mitigations with what each is load-bearing for. */
function TeamView(props: {
  report: string;
  team: string;
  refresh: number;
  findings: FindingsMode;
}) {
  const { data } = useQuery<TeamControlsData>(
    TEAM_CONTROLS,
    { report: props.report },
    props.refresh,
  );
  const team = data?.report?.teams.find((t) => t.key === props.team);
  if (!team) return null;
  return (
    <section data-testid="team-view">
      <h2>{team.name ?? team.key}: controls and what rests on them</h2>
      <p class="small">
        <a
          href={routeHash({
            report: props.report,
            view: 'team',
            team: team.key,
            findings: props.findings,
          })}
          data-testid="team-requests-link"
        >
          Its open information requests
        </a>
      </p>
      <ul class="team-controls">
        {team.mitigations.map((m) => (
          <li key={m.key} data-key={m.key}>
            <code>{m.key}</code> {m.title} <span class="muted">({statusText(m.status)})</span>
            {m.loadBearingFor.length + m.loadBearingForClaims.length === 0 ? (
              <div class="muted small">Nothing rests on it alone.</div>
            ) : (
              <div class="small">
                Alone holds up {m.loadBearingFor.length} pathway(s):{' '}
                {m.loadBearingFor.map((p) => p.key).join(', ') || '—'};{' '}
                {m.loadBearingForClaims.length} claim(s)
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
