import type { Simulation } from '../app';
import { marginClass, marginText, requiresText, statusText, whenText } from '../format';
import { OVERVIEW, type OverviewData } from '../queries';
import { routeHash, type FindingsMode } from '../route';
import { useQuery } from '../use-query';
import { FindingsBadge, useOpenFindings } from './findings-badge';
import { PathwayGathering, useGatheringProgress } from './gathering';
import { ReadinessPanel } from './readiness';

/**
 * The report at a glance: each pathway's holding and margin (with the review findings of the
 * chosen mode applied), what it rests on alone, and where review findings are still open.
 */
export function OverviewView(props: {
  report: string;
  refresh: number;
  simulation: Simulation;
  findings: FindingsMode;
}) {
  const { data, error } = useQuery<OverviewData>(
    OVERVIEW,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  const open = useOpenFindings(props.report, props.refresh);
  const gathering = useGatheringProgress(props.report, props.refresh);
  if (error) return <p class="error">{error.message}</p>;
  const report = data?.report;
  if (!report) return <p class="loading">Loading…</p>;

  const singlePoints = new Set(
    report.pathways.flatMap((p) => [...p.loadBearing, ...p.loadBearingEvidence].map((n) => n.key)),
  );
  const broken = report.pathways.filter((p) => !p.holds).length;
  const simulated = props.simulation.result;
  const wouldBreak = new Set(simulated?.brokenPathways.map((p) => p.key));
  const weakened = new Map(simulated?.weakened.map((w) => [w.key, w]));
  const openCount = [...open.values()].reduce((n, f) => n + f.count, 0);
  const badge = (key: string) => (
    <FindingsBadge report={report.key} open={open.get(key)} findings={props.findings} />
  );

  return (
    <section data-testid="overview">
      <h1>{report.title}</h1>
      {(report.state !== 'published' || report.previous) && (
        <p class="muted small" data-testid="report-state">
          {report.state !== 'published' && <span class="badge">{report.state}</span>}
          {report.previous && (
            <>
              {' '}
              Iterates on <code>{report.previous}</code> ·{' '}
              <a
                href={routeHash({
                  report: report.key,
                  view: 'compare',
                  other: report.previous,
                  findings: props.findings,
                })}
                data-testid="compare-previous"
              >
                compare with it
              </a>
            </>
          )}
        </p>
      )}
      <ul class="summary">
        <li>
          <b data-testid="pathways-holding">{report.pathways.length - broken}</b> of{' '}
          {report.pathways.length} pathways hold
        </li>
        <li>
          <b data-testid="pathways-broken">{broken}</b> broken
        </li>
        <li title="Mitigations and evidence whose failure alone breaks a pathway">
          <b data-testid="single-points">{singlePoints.size}</b> single points of failure
        </li>
        {openCount > 0 && (
          <li>
            <b data-testid="open-findings">{openCount}</b>{' '}
            <a href={routeHash({ report: report.key, view: 'review', findings: props.findings })}>
              open review findings
            </a>
          </li>
        )}
        <li>
          {report.counts.claims} claims · {report.counts.mitigations} mitigations ·{' '}
          {report.counts.evidence} evidence
        </li>
      </ul>

      {report.state === 'draft' && (
        <ReadinessPanel report={report.key} refresh={props.refresh} findings={props.findings} />
      )}

      <h2>Pathways</h2>
      <ul class="pathways">
        {report.pathways.map((p) => (
          <li
            key={p.key}
            class={`pathway ${marginClass(p.margin, p.holds)}${wouldBreak.has(p.key) ? ' simulated-broken' : ''}`}
            data-testid="pathway"
            data-key={p.key}
            data-holds={String(p.holds)}
            data-margin={p.margin ?? ''}
          >
            <div class="pathway-head">
              <span class="title">
                {p.title}
                {badge(p.key)}
              </span>
              <span class="margin">{marginText(p.margin, p.holds)}</span>
            </div>
            <div class="detail">
              <code>{p.key}</code> · requires {requiresText(p.requires, p.atLeast)}
              {wouldBreak.has(p.key) && <span class="badge broken">breaks in simulation</span>}
              {weakened.has(p.key) && (
                <span class="badge weakened">
                  simulation: margin {weakened.get(p.key)!.before ?? '>4'} →{' '}
                  {weakened.get(p.key)!.after}
                </span>
              )}
            </div>
            <PathwayGathering
              report={report.key}
              progress={gathering.get(p.key)}
              findings={props.findings}
            />
            {p.loadBearing.length + p.loadBearingEvidence.length > 0 && (
              <div class="detail">
                Rests alone on:{' '}
                {[...p.loadBearing, ...p.loadBearingEvidence].map((n) => (
                  <span key={n.key} class="nowrap" data-testid="rests-on" data-key={n.key}>
                    <code title={n.title} class="chip">
                      {n.key}
                    </code>
                    {badge(n.key)}
                  </span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>

      {open.size > 0 && (
        <>
          <h2>Open review findings</h2>
          <p class="muted small" data-testid="findings-by-node">
            On:{' '}
            {[...open].map(([key, findings]) => (
              <span key={key} class="nowrap" data-testid="node-findings" data-key={key}>
                <code class="chip">{key}</code>
                <FindingsBadge report={report.key} open={findings} findings={props.findings} />{' '}
              </span>
            ))}
          </p>
        </>
      )}

      <div class="columns">
        <div>
          <h2>Recent status changes</h2>
          {report.history.length === 0 ? (
            <p class="muted">No status change recorded yet.</p>
          ) : (
            <table data-testid="history">
              <tbody>
                {report.history.map((c, i) => (
                  <tr key={i}>
                    <td class="muted">{whenText(c.at)}</td>
                    <td>
                      <code>{c.key}</code>
                    </td>
                    <td>
                      {statusText(c.from)} → <b>{statusText(c.to)}</b>
                    </td>
                    <td class="muted">
                      {c.source}
                      {c.actor ? ` · ${c.actor}` : ''}
                      {c.note ? ` · ${c.note}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h2>Evidence expiring within 30 days</h2>
          {report.expiringEvidence.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul data-testid="expiring">
              {report.expiringEvidence.map((e) => (
                <li key={e.key}>
                  <code>{e.key}</code> {e.title}{' '}
                  <span class="muted">until {whenText(e.validUntil)}</span>
                </li>
              ))}
            </ul>
          )}
          <h2>Verification due within 30 days</h2>
          {report.verificationDue.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul data-testid="verification-due">
              {report.verificationDue.map((m) => (
                <li key={m.key}>
                  <code>{m.key}</code> {m.title}{' '}
                  <span class={m.verificationOverdue ? 'overdue' : 'muted'}>
                    {m.verificationDue === null
                      ? 'never verified'
                      : `${m.verificationOverdue ? 'overdue since' : 'due'} ${whenText(m.verificationDue)}`}
                  </span>
                  {m.team ? <span class="muted"> · {m.team}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
