import { REQUIRE_ALL, type Case, type Requirement } from '../../case-model/case';
import { formatDuration } from '../../case-model/duration';
import { chainKey } from '../../analysis/graph/case-graph';
import { totalLatency } from '../../case-model/response-steps';

/*
 * A case as Open-PSA MEF (SPEC §9) that SCRAM 0.16 reads: one fault tree, a gate per pathway and
 * claim for its failure, a basic event per mitigation and evidence item (with its probability
 * where known). `requires: all` is an OR of the supports' failures, `any` an AND, {atLeast: K} of
 * N an atleast of N − K + 1. Items that do not hold by their own status are house events set to
 * true; a mitigation with dependsOn fails through a gate `<name>_w` (its own event or any
 * dependency). A claim with no supports is the constant true, or false when assumed.
 *
 * A scenario (SPEC §3.7) is a gate that fails when every fast-enough response chain fails: an AND
 * over gates `<scenario>_c<n>` (chain n, from 1), each an OR of its steps' mitigation failures. A
 * chain slower than timeToHarm always fails, so it is left out; with no chain fast enough the
 * scenario is the constant true. parseMefFile reads these gates back as claims, not scenarios:
 * the cut sets stay the same, the chains' steps and latencies are not kept.
 *
 * MEF names may not contain '.', start with a digit or have leading, trailing or doubled '-', so
 * names are keys encoded with '_' (which keys never contain); each definition carries its key
 * and kind as attributes and its title as label, which parseMefFile reads back.
 */
export function exportMefFile({ case: c }: { readonly case: Case }): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opsa-mef>'];
  lines.push(`  <define-fault-tree name="${encodeMefName(c.report.key)}">`);
  lines.push(`    ${describe(c.report.key, 'report', c.report.title)}`);
  const failsNow = new Set([
    ...c.mitigations.filter((m) => m.status !== 'in_place').map((m) => m.key),
    ...c.evidence.filter((e) => e.status !== 'valid').map((e) => e.key),
  ]);
  const withDependencies = new Set(
    c.mitigations.filter((m) => m.dependsOn.length > 0 && !failsNow.has(m.key)).map((m) => m.key),
  );
  const scenarios = c.scenarios ?? [];
  const arguments_ = new Set([...c.pathways, ...c.claims, ...scenarios].map((x) => x.key));
  const reference = (key: string): string => {
    if (arguments_.has(key)) return `<gate name="${encodeMefName(key)}"/>`;
    if (failsNow.has(key)) return `<house-event name="${encodeMefName(key)}"/>`;
    if (withDependencies.has(key)) return `<gate name="${dependencyGateName(key)}"/>`;
    return `<basic-event name="${encodeMefName(key)}"/>`;
  };

  const argumentGate = (
    key: string,
    kind: 'pathway' | 'claim',
    title: string,
    requires: Requirement,
    supports: readonly string[],
    assumed: boolean,
  ) => {
    lines.push(`    <define-gate name="${encodeMefName(key)}">`);
    lines.push(`      ${describe(key, kind, title)}`);
    lines.push(`      ${failureFormula(requires, supports.map(reference), assumed)}`);
    lines.push('    </define-gate>');
  };
  for (const p of c.pathways) {
    argumentGate(p.key, 'pathway', p.title, p.requires, p.supports, false);
  }
  for (const cl of c.claims) {
    argumentGate(cl.key, 'claim', cl.statement, cl.requires, cl.supports, cl.assumed);
  }
  for (const s of scenarios) {
    const fastChains = s.chains.flatMap((chain, index) =>
      totalLatency(chain) <= s.timeToHarm ? [{ chain, index }] : [],
    );
    lines.push(`    <define-gate name="${encodeMefName(s.key)}">`);
    lines.push(`      ${describe(s.key, 'scenario', s.title)}`);
    const chainFailures = fastChains.map(
      ({ index }) => `<gate name="${chainGateName(s.key, index)}"/>`,
    );
    lines.push(`      ${failureFormula({ mode: 'any' }, chainFailures, false)}`);
    lines.push('    </define-gate>');
    for (const { chain, index } of fastChains) {
      // A mitigation acting twice in a chain fails it once.
      const mitigations = [...new Set(chain.steps.map((step) => step.mitigation))];
      const label = `${s.title}: chain ${index + 1}, ${formatDuration(totalLatency(chain))} of ${formatDuration(s.timeToHarm)}`;
      lines.push(`    <define-gate name="${chainGateName(s.key, index)}">`);
      // Keyed as the analysis graph keys chains: '#' keeps parseMefFile from taking it as a key.
      lines.push(`      ${describe(chainKey(s.key, index), 'chain', label)}`);
      lines.push(`      ${failureFormula(REQUIRE_ALL, mitigations.map(reference), false)}`);
      lines.push('    </define-gate>');
    }
  }
  for (const m of c.mitigations.filter((x) => withDependencies.has(x.key))) {
    const inputs = [`<basic-event name="${encodeMefName(m.key)}"/>`, ...m.dependsOn.map(reference)];
    lines.push(`    <define-gate name="${dependencyGateName(m.key)}">`);
    lines.push(`      <or>${inputs.join('')}</or>`);
    lines.push('    </define-gate>');
  }
  lines.push('  </define-fault-tree>', '  <model-data>');

  const basicEvents = [
    ...c.mitigations.map((m) => ({ ...m, kind: 'mitigation' as const })),
    ...c.evidence.map((e) => ({ ...e, kind: 'evidence' as const })),
  ];
  for (const x of basicEvents) {
    if (failsNow.has(x.key)) {
      lines.push(`    <define-house-event name="${encodeMefName(x.key)}">`);
      lines.push(`      ${describe(x.key, x.kind, x.title)}`);
      lines.push('      <constant value="true"/>');
      lines.push('    </define-house-event>');
      continue;
    }
    lines.push(`    <define-basic-event name="${encodeMefName(x.key)}">`);
    lines.push(`      ${describe(x.key, x.kind, x.title)}`);
    if (x.probability !== undefined) lines.push(`      <float value="${x.probability}"/>`);
    lines.push('    </define-basic-event>');
  }
  lines.push('  </model-data>', '</opsa-mef>', '');
  return lines.join('\n');
}

/** A key as a MEF name: '.' as '_p', a '-' not between two other characters as '_m', '_' first before a digit. */
export function encodeMefName(key: string): string {
  let name = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === '.') name += '_p';
    else if (ch === '-' && !(isPlain(key[i - 1]) && isPlain(key[i + 1]))) name += '_m';
    else name += ch;
  }
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

const isPlain = (ch: string | undefined) => ch !== undefined && ch !== '.' && ch !== '-';

const dependencyGateName = (key: string) => `${encodeMefName(key)}_w`;

/** Chain i (0-based) of a scenario; `_c` is never part of an encoded key, like `_w`. */
const chainGateName = (scenario: string, index: number) =>
  `${encodeMefName(scenario)}_c${index + 1}`;

function describe(key: string, kind: string, title: string): string {
  return (
    `<label>${escapeXml(title)}</label><attributes>` +
    `<attribute name="key" value="${escapeXml(key)}"/>` +
    `<attribute name="kind" value="${kind}"/></attributes>`
  );
}

/** The failure of an argument from its supports' failures (SPEC §9's mapping). */
function failureFormula(
  requires: Requirement,
  inputs: readonly string[],
  assumed: boolean,
): string {
  const n = inputs.length;
  if (n === 0) return `<constant value="${assumed ? 'false' : 'true'}"/>`;
  if (n === 1) return inputs[0];
  const required = requires.mode === 'all' ? n : requires.mode === 'any' ? 1 : requires.atLeast;
  const failures = n - required + 1;
  const args = inputs.join('');
  if (failures === 1) return `<or>${args}</or>`;
  if (failures === n) return `<and>${args}</and>`;
  return `<atleast min="${failures}">${args}</atleast>`;
}

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
