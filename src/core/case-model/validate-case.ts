import { KEY_PATTERN, MAX_LENGTH, type Case, type NodeKind } from './case';
import type { CaseIssue, CaseIssueCode, CasePath } from './case-issue';
import { DURATION_HINT, isDuration } from './duration';

type Collection = 'pathways' | 'claims' | 'mitigations' | 'evidence' | 'scenarios';
/** Scenarios share the key space of the argument's nodes (supports may name them). */
type RefKind = NodeKind | 'scenario';

const COLLECTION_KIND: Record<Collection, RefKind> = {
  pathways: 'pathway',
  claims: 'claim',
  mitigations: 'mitigation',
  evidence: 'evidence',
  scenarios: 'scenario',
};

interface NodeRef {
  readonly kind: RefKind;
  readonly path: CasePath;
}

/**
 * Checks the structural rules of SPEC §2 on a whole case. Every write goes through this, whether
 * it comes from a file or a mutation, so the rules live in one place.
 */
export function validateCase({ case: c }: { case: Case }): CaseIssue[] {
  const issues: CaseIssue[] = [];
  const add = (
    severity: CaseIssue['severity'],
    code: CaseIssueCode,
    path: CasePath,
    keys: string[],
    message: string,
  ) => issues.push({ severity, code, path, keys, message });

  if (!KEY_PATTERN.test(c.report.key)) {
    add('error', 'INVALID_KEY', ['report', 'key'], [c.report.key], invalidKeyMessage(c.report.key));
  }

  if (c.report.previous !== null && !KEY_PATTERN.test(c.report.previous)) {
    add(
      'error',
      'INVALID_KEY',
      ['report', 'previous'],
      [c.report.key],
      `report previous ${invalidKeyMessage(c.report.previous)}`,
    );
  }

  const nodes = new Map<string, NodeRef>();
  const collections: [Collection, readonly { key: string; previousKeys?: readonly string[] }[]][] =
    [
      ['pathways', c.pathways],
      ['claims', c.claims],
      ['mitigations', c.mitigations],
      ['evidence', c.evidence],
      ['scenarios', c.scenarios ?? []],
    ];
  for (const [collection, items] of collections) {
    items.forEach((item, index) => {
      const path = [collection, index, 'key'];
      const kind = COLLECTION_KIND[collection];
      if (!KEY_PATTERN.test(item.key)) {
        add('error', 'INVALID_KEY', path, [item.key], `${kind} ${invalidKeyMessage(item.key)}`);
      }
      const first = nodes.get(item.key);
      if (first) {
        add(
          'error',
          'DUPLICATE_KEY',
          path,
          [item.key],
          `duplicate key '${item.key}': already used by the ${first.kind} at ${formatPath(first.path)}`,
        );
      } else {
        nodes.set(item.key, { kind, path: [collection, index] });
      }
      // Lineage names nodes of the previous report; that they exist is checked against it.
      (item.previousKeys ?? []).forEach((previous, at) => {
        const where = [collection, index, 'previousKeys', at];
        if (!KEY_PATTERN.test(previous)) {
          add(
            'error',
            'INVALID_KEY',
            where,
            [item.key, previous],
            `${kind} '${item.key}': previousKeys ${invalidKeyMessage(previous)}`,
          );
        } else if (item.previousKeys!.indexOf(previous) !== at) {
          add(
            'error',
            'DUPLICATE_REFERENCE',
            where,
            [item.key, previous],
            `${kind} '${item.key}': previousKeys names '${previous}' twice`,
          );
        }
      });
    });
  }

  const teams = new Set<string>();
  c.teams.forEach((team, index) => {
    if (!KEY_PATTERN.test(team.key)) {
      add(
        'error',
        'INVALID_KEY',
        ['teams', index, 'key'],
        [team.key],
        `team ${invalidKeyMessage(team.key)}`,
      );
    }
    if (teams.has(team.key)) {
      add(
        'error',
        'DUPLICATE_KEY',
        ['teams', index, 'key'],
        [team.key],
        `duplicate team key '${team.key}'`,
      );
    }
    teams.add(team.key);
  });

  /**
   * A supports or dependsOn list: no entry twice, every entry names a node, and `refuse` says
   * which nodes the list may not name.
   */
  const checkReferences = (
    owner: { kind: RefKind; key: string; path: CasePath },
    field: 'supports' | 'dependsOn',
    targets: readonly string[],
    refuse: (target: string, ref: NodeRef) => { code: CaseIssueCode; why: string } | null,
  ) => {
    const label = `${owner.kind} '${owner.key}'`;
    const seen = new Set<string>();
    targets.forEach((target, i) => {
      const path = [...owner.path, field, i];
      const keys = [owner.key, target];
      const ref = nodes.get(target);
      const refused = ref ? refuse(target, ref) : null;
      if (seen.has(target)) {
        add(
          'error',
          'DUPLICATE_REFERENCE',
          path,
          keys,
          `${label} lists '${target}' twice in ${field}`,
        );
      } else if (!ref) {
        add(
          'error',
          'UNKNOWN_REFERENCE',
          path,
          keys,
          `${label}: ${field} entry '${target}' names nothing`,
        );
      } else if (refused) {
        add(
          'error',
          refused.code,
          path,
          keys,
          `${label}: ${field} entry '${target}' ${refused.why}`,
        );
      }
      seen.add(target);
    });
  };

  const checkArgument = (
    collection: 'pathways' | 'claims',
    index: number,
    node: {
      key: string;
      supports: readonly string[];
      requires: Case['claims'][number]['requires'];
    },
  ) => {
    const kind = COLLECTION_KIND[collection];
    checkReferences(
      { kind, key: node.key, path: [collection, index] },
      'supports',
      node.supports,
      (_, ref) =>
        ref.kind === 'pathway'
          ? {
              code: 'PATHWAY_AS_SUPPORT',
              why: 'is a pathway; pathways are roots and support nothing',
            }
          : null,
    );
    if (node.requires.mode === 'atLeast') {
      const n = node.supports.length;
      const k = node.requires.atLeast;
      if (!Number.isInteger(k) || k < 1 || k > n) {
        add(
          'error',
          'AT_LEAST_OUT_OF_RANGE',
          [collection, index, 'requires'],
          [node.key],
          `${kind} '${node.key}': requires atLeast ${k} but must be between 1 and its ${n} supports`,
        );
      }
    }
  };
  c.pathways.forEach((p, i) => checkArgument('pathways', i, p));
  c.claims.forEach((claim, i) => checkArgument('claims', i, claim));

  c.mitigations.forEach((m, index) => {
    checkReferences(
      { kind: 'mitigation', key: m.key, path: ['mitigations', index] },
      'dependsOn',
      m.dependsOn,
      (_, ref) =>
        ref.kind === 'mitigation'
          ? null
          : {
              code: 'INVALID_DEPENDENCY',
              why: `is a ${ref.kind}; a mitigation can depend only on mitigations`,
            },
    );
    if (m.team !== null && !KEY_PATTERN.test(m.team)) {
      add(
        'error',
        'INVALID_KEY',
        ['mitigations', index, 'team'],
        [m.key, m.team],
        `mitigation '${m.key}': team ${invalidKeyMessage(m.team)}`,
      );
    } else if (m.team !== null && !teams.has(m.team)) {
      add(
        'warning',
        'UNDECLARED_TEAM',
        ['mitigations', index, 'team'],
        [m.key, m.team],
        `mitigation '${m.key}': team '${m.team}' is not declared under teams`,
      );
    }
    if (m.effort !== null && m.status === 'in_place') {
      add(
        'warning',
        'EFFORT_ON_IN_PLACE',
        ['mitigations', index, 'effort'],
        [m.key],
        `mitigation '${m.key}' has an effort estimate but is already in_place`,
      );
    }
  });

  (c.scenarios ?? []).forEach((scenario, index) => {
    const at = (...rest: (string | number)[]): CasePath => ['scenarios', index, ...rest];
    const label = `scenario '${scenario.key}'`;
    const pathway = nodes.get(scenario.pathway);
    if (pathway?.kind !== 'pathway') {
      add(
        'error',
        pathway ? 'INVALID_REFERENCE' : 'UNKNOWN_REFERENCE',
        at('pathway'),
        [scenario.key, scenario.pathway],
        `${label}: pathway '${scenario.pathway}' ${pathway ? `is a ${pathway.kind}, not a pathway` : 'names no pathway'}`,
      );
    }
    if (!isDuration(scenario.timeToHarm)) {
      add(
        'error',
        'INVALID_FIELD',
        at('timeToHarm'),
        [scenario.key],
        `${label}: timeToHarm ${DURATION_HINT}`,
      );
    }
    if (scenario.chains.length === 0) {
      add(
        'warning',
        'UNDEVELOPED_SCENARIO',
        at(),
        [scenario.key],
        `${label} has no response chains, so it does not hold`,
      );
    }
    scenario.chains.forEach((chain, ci) => {
      const chainLabel = `${label}: chain ${ci + 1}`;
      if (chain.steps.length === 0) {
        add('error', 'EMPTY_CHAIN', at('chains', ci), [scenario.key], `${chainLabel} has no steps`);
      }
      chain.steps.forEach((step, si) => {
        const stepAt = (field: string) => at('chains', ci, 'steps', si, field);
        const stepLabel = `${chainLabel} step ${si + 1}`;
        const ref = nodes.get(step.mitigation);
        if (ref?.kind !== 'mitigation') {
          add(
            'error',
            ref ? 'INVALID_REFERENCE' : 'UNKNOWN_REFERENCE',
            stepAt('mitigation'),
            [scenario.key, step.mitigation],
            `${stepLabel}: mitigation '${step.mitigation}' ${ref ? `is a ${ref.kind}, not a mitigation` : 'names nothing'}`,
          );
        }
        if (step.team !== undefined && !KEY_PATTERN.test(step.team)) {
          add(
            'error',
            'INVALID_KEY',
            stepAt('team'),
            [scenario.key, step.team],
            `${stepLabel}: team ${invalidKeyMessage(step.team)}`,
          );
        } else if (step.team !== undefined && !teams.has(step.team)) {
          add(
            'error',
            'UNKNOWN_REFERENCE',
            stepAt('team'),
            [scenario.key, step.team],
            `${stepLabel}: team '${step.team}' is not declared under teams`,
          );
        }
        if (!isDuration(step.latency)) {
          add(
            'error',
            'INVALID_FIELD',
            stepAt('latency'),
            [scenario.key],
            `${stepLabel}: latency ${DURATION_HINT}`,
          );
        }
        if (step.confirmed && !isInstant(step.confirmed.at)) {
          add(
            'error',
            'INVALID_FIELD',
            [...stepAt('confirmed'), 'at'],
            [scenario.key],
            `${stepLabel}: confirmed at '${step.confirmed.at}' is not a date or date-time (e.g. 2026-12-31 or 2026-12-31T17:00:00Z)`,
          );
        }
      });
    });
  });

  // Support cycles run through claims, dependsOn cycles through mitigations: the same check.
  const cycleChecks = [
    {
      collection: 'claims',
      nodes: c.claims.map((n) => ({ key: n.key, next: n.supports })),
      self: (k: string) => `claim '${k}' supports itself`,
      name: 'support cycle',
    },
    {
      collection: 'mitigations',
      nodes: c.mitigations.map((n) => ({ key: n.key, next: n.dependsOn })),
      self: (k: string) => `mitigation '${k}' depends on itself`,
      name: 'dependsOn cycle',
    },
  ] as const;
  for (const { collection, nodes, self, name } of cycleChecks) {
    const edges = new Map(
      nodes.map((n, i) => [n.key, { path: [collection, i] as CasePath, next: n.next }]),
    );
    for (const cycle of findCycles(edges)) {
      const message =
        cycle.length === 1
          ? self(cycle[0])
          : `${name}: ${[...cycle, cycle[0]].map((k) => `'${k}'`).join(' → ')}`;
      add('error', 'CYCLE', edges.get(cycle[0])!.path, cycle, message);
    }
  }

  // One rule for every stored text, whether it came from a file or a mutation: present texts
  // are non-empty, within their length, and free of U+0000 (PostgreSQL text cannot hold it).
  const texts: {
    path: CasePath;
    keys: string[];
    label: string;
    value: string | null;
    max: number;
  }[] = [
    {
      path: ['report', 'title'],
      keys: [c.report.key],
      label: 'report',
      value: c.report.title,
      max: MAX_LENGTH.title,
    },
    {
      path: ['report', 'model'],
      keys: [c.report.key],
      label: 'report',
      value: c.report.model,
      max: MAX_LENGTH.name,
    },
    {
      path: ['report', 'description'],
      keys: [c.report.key],
      label: 'report',
      value: c.report.description,
      max: MAX_LENGTH.description,
    },
    ...c.teams.map((t, i) => ({
      path: ['teams', i, 'name'],
      keys: [t.key],
      label: `team '${t.key}'`,
      value: t.name,
      max: MAX_LENGTH.name,
    })),
    ...collections.flatMap(([collection, items]) =>
      items.flatMap((item, i) => {
        const node = item as {
          key: string;
          title?: string;
          statement?: string;
          description: string | null;
        };
        const label = `${COLLECTION_KIND[collection]} '${node.key}'`;
        const main =
          node.statement !== undefined
            ? { field: 'statement', value: node.statement, max: MAX_LENGTH.statement }
            : { field: 'title', value: node.title ?? null, max: MAX_LENGTH.title };
        return [
          {
            path: [collection, i, main.field],
            keys: [node.key],
            label,
            value: main.value,
            max: main.max,
          },
          {
            path: [collection, i, 'description'],
            keys: [node.key],
            label,
            value: node.description,
            max: MAX_LENGTH.description,
          },
        ];
      }),
    ),
  ];
  for (const { path, keys, label, value, max } of texts) {
    const problem =
      value === null
        ? null
        : value.length === 0
          ? 'must not be empty'
          : value.length > max
            ? `must be at most ${max} characters`
            : value.includes('\u0000')
              ? 'must not contain NUL (U+0000) characters'
              : null;
    if (problem) {
      add(
        'error',
        'INVALID_FIELD',
        path,
        keys,
        `${label}: ${String(path[path.length - 1])}: ${problem}`,
      );
    }
  }

  const checkInstant = (
    label: string,
    path: CasePath,
    key: string,
    field: string,
    value: string | undefined,
  ) => {
    if (value !== undefined && !isInstant(value)) {
      add(
        'error',
        'INVALID_FIELD',
        [...path, field],
        [key],
        `${label} '${key}': ${field} '${value}' is not a date or date-time (e.g. 2026-12-31 or 2026-12-31T17:00:00Z)`,
      );
    }
  };
  c.evidence.forEach((e, index) =>
    checkInstant('evidence', ['evidence', index], e.key, 'validUntil', e.validUntil),
  );
  c.mitigations.forEach((m, index) => {
    checkInstant('mitigation', ['mitigations', index], m.key, 'lastVerified', m.lastVerified);
    if (m.verifyEvery !== undefined && (!isDuration(m.verifyEvery) || m.verifyEvery === 0)) {
      add(
        'error',
        'INVALID_FIELD',
        ['mitigations', index, 'verifyEvery'],
        [m.key],
        `mitigation '${m.key}': verifyEvery must be a positive duration such as 90d`,
      );
    }
  });

  const supported = new Set(
    c.pathways.flatMap((p) => p.supports).concat(c.claims.flatMap((cl) => cl.supports)),
  );
  c.claims.forEach((claim, index) => {
    if (!supported.has(claim.key)) {
      add(
        'warning',
        'UNUSED_CLAIM',
        ['claims', index],
        [claim.key],
        `claim '${claim.key}' supports nothing: no pathway or claim lists it`,
      );
    }
    if (claim.supports.length === 0 && !claim.assumed) {
      add(
        'warning',
        'UNDEVELOPED_CLAIM',
        ['claims', index],
        [claim.key],
        `claim '${claim.key}' has no supports and is not assumed, so it does not hold (undeveloped)`,
      );
    }
  });

  return issues;
}

/** What validUntil and lastVerified hold once parsed: an ISO 8601 instant as toISOString writes it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isInstant = (value: string): boolean =>
  ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));

function invalidKeyMessage(key: string): string {
  return `key '${key}' is invalid: keys match ${KEY_PATTERN.source}`;
}

function formatPath(path: CasePath): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Finds the cycles among the given nodes (edges to keys outside the map are ignored), one per
 * back edge of an iterative depth-first search, each as the keys along it. Deterministic: nodes
 * are visited in map order.
 */
function findCycles(edges: ReadonlyMap<string, { next: readonly string[] }>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { key: string; i: number }[] = [{ key: start, i: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const next = edges.get(frame.key)!.next;
      if (frame.i >= next.length) {
        state.set(frame.key, 'done');
        stack.pop();
        continue;
      }
      const target = next[frame.i++];
      if (!edges.has(target)) continue;
      const targetState = state.get(target);
      if (targetState === 'open') {
        const from = stack.findIndex((f) => f.key === target);
        cycles.push(stack.slice(from).map((f) => f.key));
      } else if (targetState === undefined) {
        state.set(target, 'open');
        stack.push({ key: target, i: 0 });
      }
    }
  }
  return cycles;
}
