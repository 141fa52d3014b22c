import { useState } from 'preact/hooks';
import type { Simulation } from '../app';
import { DURATION_INPUT_PATTERN } from '../format';
import { FAILABLE, type FailableData } from '../queries';
import type { FindingsMode } from '../route';
import { useQuery } from '../use-query';

/**
 * The what-breaks simulator: pick mitigations or evidence to fail, or re-time a mitigation's
 * response steps (SPEC §8: the on-call is not paged, 30m becomes 4h); see what breaks or weakens.
 */
export function SimulationPanel(props: {
  report: string;
  refresh: number;
  simulation: Simulation;
  findings: FindingsMode;
  error?: Error;
}) {
  const { simulation } = props;
  const failable = useQuery<FailableData>(
    FAILABLE,
    { report: props.report, findings: props.findings },
    props.refresh,
  );
  const [draft, setDraft] = useState('');
  const [retimeKey, setRetimeKey] = useState('');
  const [retimeLatency, setRetimeLatency] = useState('');
  const options = [
    ...(failable.data?.report?.mitigations ?? []),
    ...(failable.data?.report?.evidence ?? []),
  ];
  const add = (e: Event) => {
    e.preventDefault();
    const key = draft.trim();
    if (key && !simulation.failed.includes(key)) simulation.toggle(key);
    setDraft('');
  };
  const retime = (e: Event) => {
    e.preventDefault();
    const mitigation = retimeKey.trim();
    const latency = retimeLatency.trim();
    if (!mitigation || !latency) return;
    simulation.retime({ mitigation, latency });
    setRetimeKey('');
    setRetimeLatency('');
  };
  const result = simulation.result;
  const simulating = simulation.failed.length > 0 || simulation.retimed.length > 0;

  return (
    <aside data-testid="simulation">
      <h2>What breaks if…</h2>
      <form onSubmit={add}>
        <input
          list="failable"
          placeholder="mitigation or evidence key"
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          data-testid="fail-input"
        />
        <datalist id="failable">
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.title}
            </option>
          ))}
        </datalist>
        <button type="submit">Fail it</button>
      </form>
      <form onSubmit={retime} class="retime" data-testid="retime-form">
        <input
          list="retimable"
          placeholder="re-time a mitigation"
          aria-label="Mitigation to re-time"
          value={retimeKey}
          onInput={(e) => setRetimeKey(e.currentTarget.value)}
          data-testid="retime-mitigation"
        />
        <datalist id="retimable">
          {(failable.data?.report?.mitigations ?? []).map((m) => (
            <option key={m.key} value={m.key}>
              {m.title}
            </option>
          ))}
        </datalist>
        <input
          class="duration"
          placeholder="4h"
          aria-label="Latency of each of its response steps (30s, 5m, 4h, 3d)"
          title="Latency of each of its response steps: 30s, 5m, 4h, 3d or whole seconds"
          pattern={DURATION_INPUT_PATTERN}
          required
          value={retimeLatency}
          onInput={(e) => setRetimeLatency(e.currentTarget.value)}
          data-testid="retime-latency"
        />
        <button type="submit">Re-time</button>
      </form>
      {!simulating ? (
        <p class="muted small">
          Nothing fails yet. Add a key here, tick mitigations in the matrix, or click a control in
          the diagram. Re-time a mitigation to see which scenarios its response steps stop in time.
        </p>
      ) : (
        <>
          <div class="chips">
            {simulation.failed.map((key) => (
              <button
                key={key}
                class="chip failing"
                title="Stop simulating this failure"
                onClick={() => simulation.toggle(key)}
              >
                {key} ✕
              </button>
            ))}
            {simulation.retimed.map((o) => (
              <button
                key={o.mitigation}
                class="chip retimed"
                title="Stop simulating this re-timing"
                onClick={() => simulation.unretime(o.mitigation)}
                data-testid="retimed"
                data-key={o.mitigation}
              >
                {o.mitigation} takes {o.latency} ✕
              </button>
            ))}
            <button class="link" onClick={simulation.clear} data-testid="clear-simulation">
              clear
            </button>
          </div>
          {props.error && <p class="error">{props.error.message}</p>}
          {result && (
            <div data-testid="simulation-result">
              <h3>Broken pathways ({result.brokenPathways.length})</h3>
              <ul data-testid="broken-pathways">
                {result.brokenPathways.map((p) => (
                  <li key={p.key} data-key={p.key} class="state-broken-text">
                    {p.title}
                  </li>
                ))}
              </ul>
              <h3>Broken claims ({result.brokenClaims.length})</h3>
              <ul data-testid="broken-claims" class="small">
                {result.brokenClaims.map((c) => (
                  <li key={c.key} data-key={c.key} title={c.statement}>
                    <code>{c.key}</code>
                  </li>
                ))}
              </ul>
              <h3>Broken scenarios ({result.brokenScenarios.length})</h3>
              <ul data-testid="broken-scenarios" class="small">
                {result.brokenScenarios.map((s) => (
                  <li key={s.key} data-key={s.key} title={s.title}>
                    <code>{s.key}</code>
                  </li>
                ))}
              </ul>
              <h3>Weakened ({result.weakened.length})</h3>
              <ul data-testid="weakened" class="small">
                {result.weakened.map((w) => (
                  <li key={w.key} data-key={w.key}>
                    <code>{w.key}</code> margin {w.before ?? '>4'} → {w.after ?? '>4'}
                  </li>
                ))}
              </ul>
              {result.alsoFailed.length > 0 && (
                <>
                  <h3>Also fail (depend on it)</h3>
                  <ul data-testid="also-failed" class="small">
                    {result.alsoFailed.map((m) => (
                      <li key={m.key} data-key={m.key}>
                        <code>{m.key}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </>
      )}
    </aside>
  );
}
