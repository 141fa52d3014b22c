import { argumentStateText, marginClass, shortText } from '../format';
import {
  DIFF_REPORTS,
  type ArgumentKind,
  type ArgumentShift,
  type ArgumentState,
  type DiffReportsData,
  type LoadBearingPair,
  type ReportDiff,
  type ReportSummary,
  type RoadmapEntry,
} from '../queries';
import { useQuery } from '../use-query';

const REASONS = { lostHolding: 'lost holding', marginDecreased: 'margin down' };

/** The report to compare with when none is chosen: the previous one when listed, else the first other. */
export function defaultOther(report: string, reports: ReportSummary[]): string | undefined {
  const others = reports.filter((r) => r.key !== report);
  const previous = reports.find((r) => r.key === report)?.previous;
  return others.find((r) => r.key === previous)?.key ?? others[0]?.key;
}

/**
 * Two reports side by side (SPEC §6, `diffReports`): the current report as `to`, the chosen one
 * as `from`. Pathways and claims whose holding or margin changed, regressions first in the eye,
 * the load-bearing pairs gained and lost, and what changed in the structure.
 */
export function CompareView(props: {
  report: string;
  /** The listed reports; undefined while they load. */
  reports?: ReportSummary[];
  other?: string;
  onOther(other: string): void;
  refresh: number;
}) {
  const reports = props.reports ?? [];
  const others = reports.filter((r) => r.key !== props.report);
  const from = props.other ?? defaultOther(props.report, reports);
  const { data, error } = useQuery<DiffReportsData>(
    DIFF_REPORTS,
    { from, to: props.report },
    props.refresh,
    !from,
  );
  const byKey = new Map(reports.map((r) => [r.key, r]));

  if (!props.reports && !from) return <p class="loading">Loading…</p>;
  if (!from) {
    return (
      <section data-testid="compare">
        <h1>Compare reports</h1>
        <p class="muted" data-testid="nothing-to-compare">
          There is nothing to compare with: this is the only report. Clone it for the next model (
          <code>cloneReport</code>) or import another case file, then compare the two here.
        </p>
      </section>
    );
  }
  const diff = data?.diffReports;

  return (
    <section data-testid="compare">
      <h1>Compare reports</h1>
      <div class="filters">
        <label>
          Compare with{' '}
          <select
            value={from}
            onChange={(e) => props.onOther(e.currentTarget.value)}
            data-testid="compare-from"
          >
            {others.map((r) => (
              <option key={r.key} value={r.key}>
                {r.title}
                {r.key === byKey.get(props.report)?.previous ? ' (previous)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="side-by-side">
        <ReportCard label="Before" report={byKey.get(from)} fallbackKey={from} testid="from" />
        <ReportCard
          label="After"
          report={byKey.get(props.report)}
          fallbackKey={props.report}
          testid="to"
        />
      </div>
      {error && <p class="error">{error.message}</p>}
      {!diff ? !error && <p class="loading">Loading…</p> : <DiffBody diff={diff} />}
    </section>
  );
}

function ReportCard(props: {
  label: string;
  report?: ReportSummary;
  fallbackKey: string;
  testid: string;
}) {
  const { report } = props;
  return (
    <div
      class="report-card"
      data-testid={`compare-${props.testid}-card`}
      data-key={props.fallbackKey}
    >
      <h3>{props.label}</h3>
      <div class="title">{report?.title ?? props.fallbackKey}</div>
      <div class="muted small">
        <code>{props.fallbackKey}</code>
        {report && ` · ${report.state}`}
        {report?.model && ` · ${report.model}`}
      </div>
    </div>
  );
}

const changed = (a: ArgumentShift) =>
  !a.before || !a.after || a.before.holds !== a.after.holds || a.before.margin !== a.after.margin;

function DiffBody({ diff }: { diff: ReportDiff }) {
  const { analysis, structure, summary } = diff;
  const regressions = new Map(
    summary.regressions.map((r) => [`${r.kind}:${r.key}:${r.previousKey}`, r.reason]),
  );
  const shifts = analysis.arguments.filter(changed);
  const table = (kind: ArgumentKind) => (
    <ArgumentTable
      shifts={shifts.filter((a) => a.kind === kind)}
      kind={kind}
      maxOrder={analysis.maxOrder}
      regressions={regressions}
      lineage={lineageOf(structure)}
    />
  );

  return (
    <>
      <ul class="summary">
        <li>
          <b data-testid="arguments-changed">{summary.argumentsChanged}</b> pathways and claims
          changed
        </li>
        <li class={summary.regressions.length > 0 ? 'state-broken-text' : undefined}>
          <b data-testid="regression-count">{summary.regressions.length}</b> regressions
        </li>
        <li>
          <b data-testid="structural-changes">{summary.structuralChanges}</b> structural changes
        </li>
      </ul>

      <h2>Pathways</h2>
      {table('pathway')}
      <h2>Claims</h2>
      {table('claim')}

      <h2>Load-bearing</h2>
      <p class="muted small">
        A mitigation or evidence item is load-bearing for a pathway or claim when its failure alone
        breaks it. Keys are the later report’s.
      </p>
      <div class="columns">
        <PairList title="Gained" pairs={analysis.loadBearing.appeared} testid="lb-gained" />
        <PairList title="Lost" pairs={analysis.loadBearing.disappeared} testid="lb-lost" />
      </div>

      <h2>Structure</h2>
      <StructureSummary structure={structure} />

      <h2>Roadmap top ten</h2>
      <div class="columns">
        <RoadmapList title="Before" entries={analysis.roadmap.before} testid="roadmap-before" />
        <RoadmapList title="After" entries={analysis.roadmap.after} testid="roadmap-after" />
      </div>
    </>
  );
}

/** Why an argument has no counterpart on one side: a split or merge, else it is new or removed. */
function lineageOf(structure: ReportDiff['structure']) {
  return {
    gone(previousKey: string | null): string {
      if (structure.splits.some((s) => s.from === previousKey)) return 'split';
      if (structure.merges.some((m) => m.from.includes(previousKey ?? ''))) return 'merged';
      return 'removed';
    },
    arrived(key: string | null): string {
      const split = structure.splits.find((s) => s.into.includes(key ?? ''));
      if (split) return `split from ${split.from}`;
      const merge = structure.merges.find((m) => m.into === key);
      if (merge) return `merged from ${merge.from.join(', ')}`;
      return 'new';
    },
  };
}

/** `''` for a missing state or a margin above maxOrder, as the tests read them. */
const holdsAttr = (s: ArgumentState | null) => (s ? String(s.holds) : '');
const marginAttr = (s: ArgumentState | null) => (s?.margin ?? '').toString();

function ArgumentTable(props: {
  shifts: ArgumentShift[];
  kind: ArgumentKind;
  maxOrder: number;
  regressions: Map<string, keyof typeof REASONS>;
  lineage: ReturnType<typeof lineageOf>;
}) {
  if (props.shifts.length === 0) {
    return <p class="muted">No {props.kind} changed its holding or margin.</p>;
  }
  const cell = (s: ArgumentState | null) => (
    <td class={s ? marginClass(s.margin, s.holds) : 'muted'}>
      <span class="margin">{argumentStateText(s, props.maxOrder)}</span>
    </td>
  );
  return (
    <table class="diff-table" data-testid={`diff-${props.kind}s`}>
      <thead>
        <tr>
          <th>{props.kind === 'pathway' ? 'Pathway' : 'Claim'}</th>
          <th>Before</th>
          <th>After</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.shifts.map((a) => {
          const reason = props.regressions.get(`${a.kind}:${a.key}:${a.previousKey}`);
          return (
            <tr
              key={`${a.key}:${a.previousKey}`}
              class={reason ? 'regression' : undefined}
              data-testid="diff-argument"
              data-kind={a.kind}
              data-key={a.key ?? ''}
              data-previous-key={a.previousKey ?? ''}
              data-before-holds={holdsAttr(a.before)}
              data-before-margin={marginAttr(a.before)}
              data-after-holds={holdsAttr(a.after)}
              data-after-margin={marginAttr(a.after)}
              data-regression={String(Boolean(reason))}
            >
              <td>
                {a.key ? <code>{a.key}</code> : <code class="gone">{a.previousKey}</code>}
                {a.key && a.previousKey && a.previousKey !== a.key && (
                  <div class="muted small">
                    was <code>{a.previousKey}</code>
                  </div>
                )}
              </td>
              {cell(a.before)}
              {cell(a.after)}
              <td class="small">
                {reason && <span class="badge broken">{REASONS[reason]}</span>}
                {!a.before && <span class="badge">{props.lineage.arrived(a.key)}</span>}
                {!a.after && <span class="badge">{props.lineage.gone(a.previousKey)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PairList(props: { title: string; pairs: LoadBearingPair[]; testid: string }) {
  return (
    <div>
      <h3>
        {props.title} ({props.pairs.length})
      </h3>
      {props.pairs.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="small">
          <tbody>
            {props.pairs.map((p) => (
              <tr
                key={`${p.argument}:${p.loadBearing}`}
                data-testid={props.testid}
                data-argument={p.argument}
                data-item={p.loadBearing}
              >
                <td>
                  <code>{p.loadBearing}</code>
                </td>
                <td class="muted">for</td>
                <td>
                  <code>{p.argument}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function StructureSummary({ structure }: { structure: ReportDiff['structure'] }) {
  const fieldCounts = new Map<string, number>();
  for (const node of structure.changed) {
    for (const change of node.changes) {
      fieldCounts.set(change.field, (fieldCounts.get(change.field) ?? 0) + 1);
    }
  }
  const fields = [...fieldCounts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const keys = (nodes: { key: string; kind: string }[], testid: string) =>
    nodes.length === 0 ? (
      <span class="muted">none</span>
    ) : (
      nodes.map((n) => (
        <code key={n.key} class="chip" title={n.kind} data-testid={testid} data-key={n.key}>
          {n.key}
        </code>
      ))
    );

  return (
    <table class="structure" data-testid="structure">
      <tbody>
        <tr>
          <th>Added ({structure.added.length})</th>
          <td>{keys(structure.added, 'structure-added')}</td>
        </tr>
        <tr>
          <th>Removed ({structure.removed.length})</th>
          <td>{keys(structure.removed, 'structure-removed')}</td>
        </tr>
        <tr>
          <th>Renamed ({structure.renamed.length})</th>
          <td>
            {structure.renamed.length === 0 && <span class="muted">none</span>}
            {structure.renamed.map((r) => (
              <div key={r.from} data-testid="structure-renamed" data-from={r.from} data-to={r.to}>
                <code>{r.from}</code> → <code>{r.to}</code> <span class="muted">{r.kind}</span>
              </div>
            ))}
          </td>
        </tr>
        <tr>
          <th>Split ({structure.splits.length})</th>
          <td>
            {structure.splits.length === 0 && <span class="muted">none</span>}
            {structure.splits.map((s) => (
              <div
                key={s.from}
                data-testid="structure-split"
                data-from={s.from}
                data-into={s.into.join(' ')}
              >
                <code>{s.from}</code> →{' '}
                {s.into.map((k) => (
                  <code key={k}>{k} </code>
                ))}
              </div>
            ))}
          </td>
        </tr>
        <tr>
          <th>Merged ({structure.merges.length})</th>
          <td>
            {structure.merges.length === 0 && <span class="muted">none</span>}
            {structure.merges.map((m) => (
              <div
                key={m.into}
                data-testid="structure-merged"
                data-from={m.from.join(' ')}
                data-into={m.into}
              >
                {m.from.map((k) => (
                  <code key={k}>{k} </code>
                ))}
                → <code>{m.into}</code>
              </div>
            ))}
          </td>
        </tr>
        <tr>
          <th>Changed ({structure.changed.length})</th>
          <td>
            {fields.length === 0 && <span class="muted">none</span>}
            {fields.map(([field, count]) => (
              <span
                key={field}
                class="chip"
                data-testid="changed-field"
                data-field={field}
                data-count={count}
              >
                {field} × {count}
              </span>
            ))}
            {structure.changed.length > 0 && (
              <details>
                <summary class="small">each change</summary>
                <ul class="small">
                  {structure.changed.map((n) =>
                    n.changes.map((c) => (
                      <li key={`${n.key}:${c.field}`}>
                        <code>{n.key}</code> {c.field}: {shortText(c.before)} → {shortText(c.after)}
                      </li>
                    )),
                  )}
                </ul>
              </details>
            )}
          </td>
        </tr>
        <tr>
          <th>Links</th>
          <td>
            <span data-testid="links-added">{structure.links.added.length}</span> added ·{' '}
            <span data-testid="links-removed">{structure.links.removed.length}</span> removed
            {structure.links.added.length + structure.links.removed.length > 0 && (
              <ul class="small">
                {structure.links.added.map((l) => (
                  <li key={`+${l.node}:${l.relation}:${l.target}`}>
                    + <code>{l.node}</code> {l.relation} <code>{l.target}</code>
                  </li>
                ))}
                {structure.links.removed.map((l) => (
                  <li key={`-${l.node}:${l.relation}:${l.target}`}>
                    − <code>{l.node}</code> {l.relation} <code>{l.target}</code>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
        <tr>
          <th>Report and teams</th>
          <td class="small">
            {structure.report.length === 0 &&
              structure.teams.added.length +
                structure.teams.removed.length +
                structure.teams.changed.length ===
                0 && <span class="muted">unchanged</span>}
            {structure.report.map((c) => (
              <div key={c.field} title={`${c.before ?? '—'}\n→\n${c.after ?? '—'}`}>
                {c.field}: {shortText(c.before)} → {shortText(c.after)}
              </div>
            ))}
            {structure.teams.added.length > 0 && (
              <div>teams added: {structure.teams.added.join(', ')}</div>
            )}
            {structure.teams.removed.length > 0 && (
              <div>teams removed: {structure.teams.removed.join(', ')}</div>
            )}
            {structure.teams.changed.map((t) => (
              <div key={t.key}>
                team {t.key}: {t.changes.map((c) => c.field).join(', ')} changed
              </div>
            ))}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function RoadmapList(props: { title: string; entries: RoadmapEntry[]; testid: string }) {
  return (
    <div>
      <h3>{props.title}</h3>
      {props.entries.length === 0 ? (
        <p class="muted">No planned or in-progress mitigation.</p>
      ) : (
        <ol data-testid={props.testid} class="small">
          {props.entries.map((e) => (
            <li key={e.key} data-key={e.key}>
              <code>{e.key}</code>{' '}
              <span class="muted">
                {e.argumentsStrengthened} arguments, cost {e.cost}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
