import type { ArgumentState, CaseDiff, FieldValue } from './diff-reports';
import type { Readiness } from './readiness';

/** Lines for a terminal: `cli diff` and `cli readiness` (the JSON forms are the objects). */

const MAX_SHOWN = 60;

function showValue(v: FieldValue): string {
  if (typeof v !== 'string') return String(v);
  const quoted = JSON.stringify(v);
  return quoted.length > MAX_SHOWN ? `${quoted.slice(0, MAX_SHOWN - 2)}…"` : quoted;
}

export function formatCaseDiff(d: CaseDiff): string[] {
  const { structure: s, analysis: a, summary } = d;
  const margin = (m: number | null) => (m === null ? `>${a.maxOrder}` : String(m));
  const showState = (st: ArgumentState | null) =>
    st === null ? 'absent' : st.holds ? `holds, margin ${margin(st.margin)}` : 'DOES NOT HOLD';
  const lines = [`diff '${d.from}' → '${d.to}' (margins up to order ${a.maxOrder})`, ''];

  lines.push(`Regressions: ${summary.regressions.length}`);
  for (const r of summary.regressions) {
    const renamed = r.previousKey !== r.key ? ` (was ${r.previousKey})` : '';
    lines.push(`  ${r.kind} ${r.key}${renamed}: ${showState(r.before)} → ${showState(r.after)}`);
  }

  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push('', title, ...body.map((l) => `  ${l}`));
  };
  section('Report', [
    ...s.report.map((c) => `${c.field}: ${showValue(c.before)} → ${showValue(c.after)}`),
    ...s.teams.added.map((k) => `+ team ${k}`),
    ...s.teams.removed.map((k) => `- team ${k}`),
    ...s.teams.changed.flatMap((t) =>
      t.changes.map(
        (c) => `team ${t.key}: ${c.field} ${showValue(c.before)} → ${showValue(c.after)}`,
      ),
    ),
  ]);
  section('Nodes', [
    ...s.added.map((n) => `+ ${n.kind} ${n.key}`),
    ...s.removed.map((n) => `- ${n.kind} ${n.key}`),
    ...s.renamed.map((r) => `renamed ${r.kind} ${r.from} → ${r.to}`),
    ...s.splits.map((x) => `split ${x.from} → ${x.into.join(', ')}`),
    ...s.merges.map((x) => `merged ${x.from.join(', ')} → ${x.into}`),
    ...s.changed.flatMap((n) =>
      n.changes.map(
        (c) => `${n.kind} ${n.key}: ${c.field} ${showValue(c.before)} → ${showValue(c.after)}`,
      ),
    ),
  ]);
  const scenarios = d.scenarios ?? { added: [], removed: [], changed: [] };
  section('Scenarios', [
    ...scenarios.added.map((k) => `+ scenario ${k}`),
    ...scenarios.removed.map((k) => `- scenario ${k}`),
    ...scenarios.changed.flatMap((sc) =>
      sc.changes.map(
        (c) => `scenario ${sc.key}: ${c.field} ${showValue(c.before)} → ${showValue(c.after)}`,
      ),
    ),
  ]);
  section('Links', [
    ...s.links.added.map((l) => `+ ${l.node} ${l.relation} ${l.target}`),
    ...s.links.removed.map((l) => `- ${l.node} ${l.relation} ${l.target}`),
  ]);
  section(
    'Pathways and claims that changed',
    a.arguments
      .filter(
        (x) =>
          !x.before ||
          !x.after ||
          x.before.holds !== x.after.holds ||
          x.before.margin !== x.after.margin,
      )
      .map((x) => {
        const key = x.key ?? x.previousKey!;
        const renamed = x.key !== null && x.previousKey !== null && x.key !== x.previousKey;
        return `${x.kind} ${key}${renamed ? ` (was ${x.previousKey})` : ''}: ${showState(x.before)} → ${showState(x.after)}`;
      }),
  );
  section('Load-bearing', [
    ...a.loadBearing.appeared.map((p) => `+ ${p.loadBearing} for ${p.argument}`),
    ...a.loadBearing.disappeared.map((p) => `- ${p.loadBearing} for ${p.argument}`),
  ]);
  const sameRoadmap =
    JSON.stringify(a.roadmap.before.map((r) => r.key)) ===
    JSON.stringify(a.roadmap.after.map((r) => r.key));
  if (!sameRoadmap) {
    const list = (items: CaseDiff['analysis']['roadmap']['before']) =>
      items.map((r) => `${r.rank}. ${r.key}`).join(', ') || 'none';
    section('Roadmap (top)', [
      `before: ${list(a.roadmap.before)}`,
      `after:  ${list(a.roadmap.after)}`,
    ]);
  }
  if (summary.structuralChanges === 0 && summary.argumentsChanged === 0 && sameRoadmap) {
    lines.push('', 'no differences');
  }
  return lines;
}

export function formatReadiness(r: Readiness): string[] {
  const lines = [
    `report '${r.report}' (${r.state}): ${r.ready ? 'ready: every pathway holds and all evidence is valid' : 'NOT READY'}`,
  ];
  const list = (keys: readonly string[]) => keys.join(', ') || 'none';
  lines.push(`  pathways not holding: ${list(r.pathwaysNotHolding)}`);
  lines.push(`  claims not holding: ${list(r.claimsNotHolding)}`);
  lines.push('', 'Evidence to redo');
  if (r.evidenceToRedo.length === 0) lines.push('  none');
  for (const e of r.evidenceToRedo) {
    lines.push(
      `  ${e.key}: ${e.status} (${e.scope}${e.effort === null ? ', no effort estimate' : `, effort ${e.effort}`})`,
    );
  }
  if (r.plan.length > 0) lines.push('', 'Re-establishment plan');
  for (const item of r.plan) {
    const newly =
      item.newlyHoldingPathways.length > 0
        ? `; newly holding: ${item.newlyHoldingPathways.join(', ')}`
        : '';
    const missing = item.missingEffort.length > 0 ? ' (no effort estimate)' : '';
    lines.push(
      `  ${item.rank}. ${item.key}: restores ${item.argumentsRestored} ` +
        `(pathways: ${list(item.pathwaysRestored)}); cost ${item.cost}${missing}${newly}`,
    );
  }
  return lines;
}
