import { useState } from 'preact/hooks';
import { ROADMAP, type RoadmapData } from '../queries';
import type { FindingsMode } from '../route';
import { useQuery } from '../use-query';

const ORDERS = {
  default: 'most arguments strengthened',
  perEffort: 'per unit of effort',
  pathwaysFirst: 'pathways first',
};

/** Planned work ranked by the arguments it strengthens, and what a budget buys. */
export function RoadmapView(props: { report: string; refresh: number; findings: FindingsMode }) {
  const [order, setOrder] = useState<keyof typeof ORDERS>('default');
  const [budget, setBudget] = useState(10);
  const { data, error } = useQuery<RoadmapData>(
    ROADMAP,
    { report: props.report, order, budget, findings: props.findings },
    props.refresh,
  );
  if (error) return <p class="error">{error.message}</p>;

  return (
    <section data-testid="roadmap">
      <h1>Roadmap</h1>
      <div class="filters">
        <label>
          Rank by{' '}
          <select
            value={order}
            onChange={(e) => setOrder(e.currentTarget.value as keyof typeof ORDERS)}
          >
            {Object.entries(ORDERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!data ? (
        <p class="loading">Loading…</p>
      ) : data.roadmap.length === 0 ? (
        <p class="muted">No planned or in-progress mitigation.</p>
      ) : (
        <table class="roadmap">
          <thead>
            <tr>
              <th>#</th>
              <th>Planned work</th>
              <th>Cost</th>
              <th>Arguments strengthened</th>
              <th>Pathways strengthened</th>
              <th>Newly holding</th>
            </tr>
          </thead>
          <tbody>
            {data.roadmap.map((item) => (
              <tr
                key={item.mitigation.key}
                data-testid="roadmap-item"
                data-key={item.mitigation.key}
              >
                <td>{item.rank}</td>
                <td>
                  <code>{item.mitigation.key}</code>
                  <div class="small">{item.mitigation.title}</div>
                  {item.bundle.length > 1 && (
                    <div class="muted small">
                      with{' '}
                      {item.bundle
                        .filter((b) => b.key !== item.mitigation.key)
                        .map((b) => b.key)
                        .join(', ')}
                    </div>
                  )}
                </td>
                <td
                  title={
                    item.missingEffort.length
                      ? `no effort given for ${item.missingEffort.map((m) => m.key).join(', ')}`
                      : undefined
                  }
                >
                  {item.cost}
                  {item.missingEffort.length > 0 && '*'}
                </td>
                <td>{item.argumentsStrengthened}</td>
                <td class="small">
                  {item.pathwaysStrengthened.map((p) => p.key).join(', ') || '—'}
                </td>
                <td class="small">{item.newlyHolding.map((p) => p.key).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Budget planner</h2>
      <label>
        Budget (effort units){' '}
        <input
          type="number"
          min="0"
          step="any"
          value={budget}
          onChange={(e) => setBudget(Math.max(0, Number(e.currentTarget.value) || 0))}
          data-testid="budget"
        />
      </label>
      {data && (
        <>
          <p>
            Spends {data.plan.spent} of {data.plan.budget}, picking the best-ranked work that still
            fits (each pick re-ranks the rest).
          </p>
          <ol data-testid="plan">
            {data.plan.steps.map((s) => (
              <li key={s.step} data-key={s.item.mitigation.key}>
                <code>{s.item.mitigation.key}</code> {s.item.mitigation.title}{' '}
                <span class="muted">
                  cost {s.item.cost}, total {s.cumulativeCost}; {s.cumulativeArgumentsStrengthened}{' '}
                  arguments strengthened so far
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
