import { Document, isMap, isSeq, Scalar, visit } from 'yaml';
import type { Case, Requirement } from '../case-model/case';
import { formatDuration } from '../case-model/duration';
import { CASE_FORMAT } from './case-file-schema';

/**
 * Writes a case as a case file. Defaults (requires: all, assumed: false, empty lists, nulls) are
 * left out, so `parseCaseFile(exportCaseFile(c))` gives back `c`.
 */
export function exportCaseFile({ case: c }: { case: Case }): string {
  const requires = (r: Requirement) =>
    r.mode === 'all' ? undefined : r.mode === 'any' ? 'any' : { atLeast: r.atLeast };
  const list = (keys: readonly string[]) => (keys.length > 0 ? [...keys] : undefined);
  const file = {
    format: CASE_FORMAT,
    report: {
      key: c.report.key,
      title: c.report.title,
      model: c.report.model ?? undefined,
      previous: c.report.previous ?? undefined,
      description: c.report.description ?? undefined,
      state: c.report.state !== 'draft' ? c.report.state : undefined,
    },
    teams: c.teams.map((t) => ({ key: t.key, name: t.name ?? undefined })),
    pathways: c.pathways.map((p) => ({
      key: p.key,
      title: p.title,
      description: p.description ?? undefined,
      restricted: p.restricted ? true : undefined,
      previousKeys: list(p.previousKeys ?? []),
      requires: requires(p.requires),
      supports: list(p.supports),
    })),
    claims: c.claims.map((cl) => ({
      key: cl.key,
      statement: cl.statement,
      kind: cl.kind,
      description: cl.description ?? undefined,
      restricted: cl.restricted ? true : undefined,
      previousKeys: list(cl.previousKeys ?? []),
      requires: requires(cl.requires),
      supports: list(cl.supports),
      assumed: cl.assumed || undefined,
    })),
    mitigations: c.mitigations.map((m) => ({
      key: m.key,
      title: m.title,
      kind: m.kind,
      description: m.description ?? undefined,
      restricted: m.restricted ? true : undefined,
      previousKeys: list(m.previousKeys ?? []),
      team: m.team ?? undefined,
      status: m.status,
      dependsOn: list(m.dependsOn),
      effort: m.effort ?? undefined,
      probability: m.probability,
      verifyEvery: m.verifyEvery === undefined ? undefined : formatDuration(m.verifyEvery),
      lastVerified: m.lastVerified,
    })),
    evidence: c.evidence.map((e) => ({
      key: e.key,
      title: e.title,
      description: e.description ?? undefined,
      restricted: e.restricted ? true : undefined,
      previousKeys: list(e.previousKeys ?? []),
      status: e.status,
      validUntil: e.validUntil,
      probability: e.probability,
      scope: e.scope === 'standing' ? e.scope : undefined,
      effort: e.effort,
    })),
    scenarios: c.scenarios?.map((s) => ({
      key: s.key,
      pathway: s.pathway,
      title: s.title,
      description: s.description ?? undefined,
      timeToHarm: formatDuration(s.timeToHarm),
      chains: s.chains.map((chain) => ({
        steps: chain.steps.map((step) => ({
          mitigation: step.mitigation,
          team: step.team,
          action: step.action,
          latency: formatDuration(step.latency),
          automatic: step.automatic || undefined,
          paged: step.paged || undefined,
          confirmed: step.confirmed && {
            by: step.confirmed.by,
            at: step.confirmed.at,
            note: step.confirmed.note ?? undefined,
          },
        })),
      })),
    })),
  };
  const doc = new Document(file);
  // Key lists and {atLeast: K} read best on one line, as people write them.
  visit(doc, {
    Scalar(_, scalar, path) {
      if (typeof scalar.value !== 'string') return;
      // Inside a flow collection (a step) yaml may write a multi-line string as a plain
      // scalar that does not parse (":\n!!str"): such strings are double-quoted there too.
      const inFlow = path.some((node) => (isMap(node) || isSeq(node)) && node.flow === true);
      if (loosesWhitespaceInBlock(scalar.value) || (inFlow && scalar.value.includes('\n'))) {
        scalar.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Pair(_, pair) {
      const name = String((pair.key as { value?: unknown } | null)?.value);
      if (
        (name === 'supports' || name === 'dependsOn' || name === 'previousKeys') &&
        isSeq(pair.value)
      ) {
        pair.value.flow = true;
      }
      if (name === 'requires' && isMap(pair.value)) pair.value.flow = true;
      // A step reads as one line, as in SPEC §8.
      if (name === 'steps' && isSeq(pair.value)) {
        for (const step of pair.value.items) if (isMap(step)) step.flow = true;
      }
    },
  });
  // Double-quoted strings stay on one line: yaml's multi-line form corrupts "\n \n" (writes "\\ ").
  return doc.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Infinity });
}

/**
 * The yaml library writes multi-line strings as block scalars, where a line of only spaces (or
 * edge spaces) does not survive re-parsing. Such strings are written double-quoted instead.
 */
function loosesWhitespaceInBlock(value: string): boolean {
  return value.includes('\n') && value.split('\n').some((line) => /^\s|\s$/.test(line));
}
