import { useState } from 'preact/hooks';
import { IMPORTANCE, PROBABILITIES, type ImportanceData, type ProbabilitiesData } from '../queries';
import type { FindingsMode } from '../route';
import { useQuery } from '../use-query';

const figure = (x: number) => (x === 0 ? '0' : x.toPrecision(3));

/**
 * SPEC §3.6: each pathway's failure probability, and for one pathway the importance of every
 * control and evidence item it rests on. Events without a probability take the default chosen
 * here (the page says which).
 */
export function ProbabilityView(props: {
  report: string;
  refresh: number;
  findings: FindingsMode;
}) {
  const [fallback, setFallback] = useState(0.01);
  const [pathway, setPathway] = useState<string | undefined>(undefined);
  const variables = { report: props.report, defaultProbability: fallback };
  const { data, error } = useQuery<ProbabilitiesData>(
    PROBABILITIES,
    { ...variables, findings: props.findings },
    props.refresh,
  );
  const selected = pathway ?? data?.report.pathways[0]?.key;
  const importance = useQuery<ImportanceData>(
    IMPORTANCE,
    { ...variables, pathway: selected, findings: props.findings },
    props.refresh,
    selected === undefined,
  );
  if (error) return <p class="error">{error.message}</p>;
  const defaulted = data?.report.pathways[0]?.probability.defaultProbabilityUsedBy ?? [];
  const measures = [...(importance.data?.importance ?? [])].sort((a, b) => b.dif - a.dif);

  return (
    <section data-testid="probability">
      <h1>Failure probability</h1>
      <div class="filters">
        <label>
          Default probability for events without one{' '}
          <input
            type="number"
            min="0"
            max="1"
            step="any"
            value={fallback}
            onChange={(e) =>
              setFallback(Math.min(1, Math.max(0, Number(e.currentTarget.value) || 0)))
            }
            data-testid="default-probability"
          />
        </label>
      </div>
      {defaulted.length > 0 && (
        <p class="muted small" data-testid="defaulted">
          {defaulted.length} controls and evidence items have no probability of their own and use{' '}
          {fallback}: {defaulted.join(', ')}
        </p>
      )}
      {!data ? (
        <p class="loading">Loading…</p>
      ) : (
        <table class="roadmap">
          <thead>
            <tr>
              <th>Pathway</th>
              <th>P(fails), exact</th>
              <th>Rare-event</th>
              <th>MCUB</th>
            </tr>
          </thead>
          <tbody>
            {data.report.pathways.map((p) => (
              <tr
                key={p.key}
                data-testid="probability-row"
                data-key={p.key}
                class={p.key === selected ? 'active' : undefined}
                onClick={() => setPathway(p.key)}
              >
                <td>
                  <code>{p.key}</code>
                  <div class="small">{p.title}</div>
                </td>
                <td data-testid="exact">{figure(p.probability.exact)}</td>
                <td>{figure(p.probability.rareEvent)}</td>
                <td>{figure(p.probability.mcub)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <>
          <h2>
            Importance for <code>{selected}</code>
          </h2>
          {importance.error ? (
            <p class="error">{importance.error.message}</p>
          ) : (
            <table class="roadmap" data-testid="importance">
              <thead>
                <tr>
                  <th>Control or evidence</th>
                  <th title="Birnbaum: P(X|e) − P(X|¬e)">MIF</th>
                  <th title="Criticality: P(e)·MIF / P(X)">CIF</th>
                  <th title="Fussell–Vesely: P(e)·P(X|e) / P(X)">DIF</th>
                  <th title="Risk achievement worth: P(X|e) / P(X)">RAW</th>
                  <th title="Risk reduction worth: P(X) / P(X|¬e)">RRW</th>
                </tr>
              </thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.key} data-testid="importance-row" data-key={m.key}>
                    <td>
                      <code>{m.key}</code> <span class="muted small">{m.node.nodeKind}</span>
                    </td>
                    <td>{figure(m.mif)}</td>
                    <td>{figure(m.cif)}</td>
                    <td>{figure(m.dif)}</td>
                    <td>{figure(m.raw)}</td>
                    <td>{figure(m.rrw)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
