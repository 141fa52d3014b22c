import type { Case, Requirement } from '../../case-model/case';

/*
 * A case as Open-PSA MEF (SPEC §9) that SCRAM 0.16 reads: one fault tree, a gate per pathway and
 * claim for its failure, a basic event per mitigation and evidence item (with its probability
 * where known). `requires: all` is an OR of the supports' failures, `any` an AND, {atLeast: K} of
 * N an atleast of N − K + 1. Items that do not hold by their own status are house events set to
 * true; a mitigation with dependsOn fails through a gate `<name>_w` (its own event or any
 * dependency). A claim with no supports is the constant true, or false when assumed.
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
  const arguments_ = new Set([...c.pathways, ...c.claims].map((x) => x.key));
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
