import { countText, effortText, statusText } from '../format';
import { READINESS, type ReadinessData } from '../queries';
import type { FindingsMode } from '../route';
import { useQuery } from '../use-query';

/**
 * What stands between a draft and a report that holds (SPEC §6, `readiness`): the pathways not
 * holding, the evidence to redo, and the re-establishment plan, evidence that matters most first.
 */
export function ReadinessPanel(props: { report: string; refresh: number; findings: FindingsMode }) {
  const { data, error } = useQuery<ReadinessData>(
    READINESS,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  if (error) return <p class="error">{error.message}</p>;
  const readiness = data?.readiness;
  if (!readiness) return <p class="loading">Loading readiness…</p>;

  return (
    <section
      class={readiness.ready ? 'readiness ready' : 'readiness not-ready'}
      data-testid="readiness"
      data-ready={String(readiness.ready)}
    >
      <h2>
        Readiness of this draft{' '}
        <span class={readiness.ready ? 'badge ready' : 'badge broken'} data-testid="ready">
          {readiness.ready ? 'ready' : 'not ready'}
        </span>
      </h2>
      {readiness.ready ? (
        <p class="muted">Every pathway holds and every evidence item is valid.</p>
      ) : (
        <p class="muted small">
          Not holding: {countText(readiness.pathwaysNotHolding.length, 'pathway')} and{' '}
          {countText(readiness.claimsNotHolding.length, 'claim')}. Stale or invalidated:{' '}
          {countText(readiness.evidenceToRedo.length, 'evidence item')}.
        </p>
      )}
      <div class="columns">
        <div>
          <h3>Pathways not holding ({readiness.pathwaysNotHolding.length})</h3>
          {readiness.pathwaysNotHolding.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul data-testid="pathways-not-holding">
              {readiness.pathwaysNotHolding.map((p) => (
                <li key={p.key} data-key={p.key} class="state-broken-text">
                  {p.title} <code>{p.key}</code>
                </li>
              ))}
            </ul>
          )}
          {readiness.claimsNotHolding.length > 0 && (
            <details>
              <summary class="small">
                Claims not holding ({readiness.claimsNotHolding.length})
              </summary>
              <ul class="small" data-testid="claims-not-holding">
                {readiness.claimsNotHolding.map((c) => (
                  <li key={c.key} data-key={c.key} title={c.statement}>
                    <code>{c.key}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <div>
          <h3>Evidence to redo ({readiness.evidenceToRedo.length})</h3>
          {readiness.evidenceToRedo.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul data-testid="evidence-to-redo" class="small">
              {readiness.evidenceToRedo.map((e) => (
                <li key={e.evidence.key} data-key={e.evidence.key}>
                  {e.evidence.title}{' '}
                  <span class="muted">
                    {statusText(e.status)}, {e.scope}, {effortText(e.effort)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <h3>Re-establishment plan</h3>
      {readiness.plan.length === 0 ? (
        <p class="muted">Nothing to redo.</p>
      ) : (
        <table class="roadmap" data-testid="readiness-plan">
          <thead>
            <tr>
              <th>#</th>
              <th>Evidence to redo</th>
              <th>Cost</th>
              <th>Arguments restored</th>
              <th>Pathways restored</th>
              <th>Pathways newly holding</th>
            </tr>
          </thead>
          <tbody>
            {readiness.plan.map((item) => (
              <tr
                key={item.evidence.key}
                data-testid="plan-item"
                data-key={item.evidence.key}
                data-rank={item.rank}
              >
                <td>{item.rank}</td>
                <td>
                  {item.evidence.title}
                  <div class="small">
                    <code>{item.evidence.key}</code>
                  </div>
                </td>
                <td title={item.missingEffort ? 'no effort estimate: counted as 0' : undefined}>
                  {item.cost}
                  {item.missingEffort && '*'}
                </td>
                <td title={item.exact ? undefined : 'a bound: the cut-set size limit was reached'}>
                  {item.argumentsRestored}
                  {!item.exact && '†'}
                </td>
                <td class="small">{item.pathwaysRestored.map((p) => p.key).join(', ') || '—'}</td>
                <td class="small">
                  {item.newlyHoldingPathways.map((p) => p.key).join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
