import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  EvidenceStatus,
  MitigationStatus,
  Requirement,
} from '../case-model/case';

export interface LargeCaseOptions {
  readonly mitigations: number;
  readonly claims: number;
  readonly pathways: number;
  /** Total supports and dependsOn entries, approximately (never fewer than coverage needs). */
  readonly links: number;
  readonly seed: number;
  /** Defaults to half the mitigations. */
  readonly evidence?: number;
}

/** Fraction of the claims in each layer, top (supporting pathways) to bottom. */
const LAYER_SHARES = [0.06, 0.12, 0.2, 0.27, 0.35];
/** The first mitigations are shared infrastructure that others depend on. */
const INFRASTRUCTURE_SHARE = 0.05;
const DEPENDENT_SHARE = 0.15;
/** Claims per topic cluster, and how often a link leaves its cluster. */
const CLAIMS_PER_CLUSTER = 200;
const CROSS_CLUSTER_SHARE = 0.05;

/**
 * A structurally valid case for benchmarks and load tests, the same for the same options.
 *
 * Claims sit in layers: a claim is supported by claims one or two layers down and, lower down,
 * by mitigations and evidence (only those at the bottom), so there are no cycles. Claims and
 * events also belong to topic clusters (about 200 claims each), as arguments in a real report
 * stay mostly within a topic: links stay in their cluster except 5% that go anywhere, which,
 * with pathways sharing home clusters, shares claims between several parents and pathways.
 * Redundancy (`any`, `atLeast n-1`) is common near the controls and rarer higher up. Every claim
 * and basic event is used at least once. About 5% of mitigations are infrastructure that 15% of
 * the others depend on (sometimes in chains). Statuses are mostly good: planned and in-progress
 * work has an effort estimate (sometimes missing), and some items are degraded, failed, retired,
 * stale or invalidated; requirements are picked so that most arguments still hold. A few bottom
 * claims are assumed, and a few are undeveloped.
 */
export function generateLargeCase(options: LargeCaseOptions): Case {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const pad = (i: number, total: number) => String(i + 1).padStart(String(total).length, '0');

  const mitigationKeys = Array.from(
    { length: options.mitigations },
    (_, i) => `m-${pad(i, options.mitigations)}`,
  );
  const evidenceCount = options.evidence ?? Math.round(options.mitigations / 2);
  const evidenceKeys = Array.from(
    { length: evidenceCount },
    (_, i) => `e-${pad(i, evidenceCount)}`,
  );
  const claimKeys = Array.from({ length: options.claims }, (_, i) => `c-${pad(i, options.claims)}`);
  const eventKeys = [...mitigationKeys, ...evidenceKeys];

  const infrastructure = Math.max(1, Math.round(options.mitigations * INFRASTRUCTURE_SHARE));
  let linkCount = 0;
  const mitigations: CaseMitigation[] = mitigationKeys.map((key, i) => {
    const dependsOn = new Set<string>();
    // Infrastructure may depend on earlier infrastructure; others on infrastructure only.
    const canDepend = i > 0 && chance(i < infrastructure ? 0.3 : DEPENDENT_SHARE);
    if (canDepend) {
      const count = chance(0.3) ? 2 : 1;
      for (let d = 0; d < count; d++) {
        dependsOn.add(mitigationKeys[Math.floor(random() * Math.min(i, infrastructure))]);
      }
    }
    linkCount += dependsOn.size;
    const status = pickMitigationStatus(random());
    const needsWork = status === 'planned' || status === 'in_progress';
    return {
      key,
      title: `Mitigation ${key}`,
      kind:
        i < infrastructure
          ? 'infrastructure'
          : pick(['security', 'monitoring', 'interpretability', 'alignment', 'process'] as const),
      description: null,
      team: `team-${(i % 7) + 1}`,
      status,
      dependsOn: [...dependsOn],
      effort: needsWork && chance(0.9) ? 1 + Math.floor(random() * 20) : null,
    };
  });
  const evidence: CaseEvidence[] = evidenceKeys.map((key) => ({
    key,
    title: `Evidence ${key}`,
    description: null,
    status: pickEvidenceStatus(random()),
  }));

  // Claims sit in layers (top first) and in topic clusters; events belong to clusters too.
  const clusterCount = Math.max(1, Math.round(options.claims / CLAIMS_PER_CLUSTER));
  const layers: string[][] = [];
  let next = 0;
  LAYER_SHARES.forEach((share, i) => {
    const size =
      i === LAYER_SHARES.length - 1 ? options.claims - next : Math.round(options.claims * share);
    layers.push(claimKeys.slice(next, next + size));
    next += size;
  });
  const last = layers.length - 1;
  // A few bottom claims have no supports: mostly assumed, some undeveloped.
  const leafless = new Set(layers[last].filter(() => chance(0.025)));
  const assumed = new Set([...leafless].filter(() => chance(0.8)));
  const layerOf = new Map(layers.flatMap((layer, i) => layer.map((key) => [key, i] as const)));
  const clusterOf = new Map<string, number>();
  const groups = layers.map((layer) => {
    const byCluster: string[][] = Array.from({ length: clusterCount }, () => []);
    layer.forEach((key, i) => {
      clusterOf.set(key, i % clusterCount);
      byCluster[i % clusterCount].push(key);
    });
    return byCluster;
  });
  const eventsByCluster: string[][] = Array.from({ length: clusterCount }, () => []);
  eventKeys.forEach((key, i) => {
    clusterOf.set(key, i % clusterCount);
    eventsByCluster[i % clusterCount].push(key);
  });
  /** Mostly from the same cluster; sometimes from anywhere (shared claims and controls). */
  const pickNear = (byCluster: readonly string[][], all: readonly string[], cluster: number) => {
    const own = byCluster[cluster];
    return own.length > 0 && !chance(CROSS_CLUSTER_SHARE) ? pick(own) : pick(all);
  };

  const supports = new Map(claimKeys.map((key) => [key, new Set<string>()]));
  const addSupport = (parent: string, child: string) => {
    const set = supports.get(parent)!;
    if (!set.has(child)) {
      set.add(child);
      linkCount++;
    }
  };
  /** A support for a claim: a claim one or two layers down or, lower down, a basic event. */
  const pickChild = (parent: string): string => {
    const layer = layerOf.get(parent)!;
    const cluster = clusterOf.get(parent)!;
    const eventShare = layer === last ? 1 : layer === last - 1 ? 0.5 : 0.15;
    if (chance(eventShare)) return pickNear(eventsByCluster, eventKeys, cluster);
    const below = Math.min(last, layer + (chance(0.8) ? 1 : 2));
    return pickNear(groups[below], layers[below], cluster);
  };
  /** A parent for coverage: a developed claim of the given layer, same cluster if it has one. */
  const pickParent = (layer: number, cluster: number): string => {
    const own = groups[layer][cluster].filter((key) => !leafless.has(key));
    return own.length > 0 ? pick(own) : pick(layers[layer].filter((key) => !leafless.has(key)));
  };

  // Pathways argue from the top claims of one home cluster (two pathways often share one), plus
  // a few from elsewhere.
  const pathways = Array.from({ length: options.pathways }, (_, i) => ({
    key: `p-${pad(i, options.pathways)}`,
    cluster: i % clusterCount,
    supports: new Set<string>(),
  }));
  for (const pathway of pathways) {
    const count = 4 + Math.floor(random() * 7);
    for (let guard = 0; pathway.supports.size < count && guard < count * 10; guard++) {
      const layer = chance(0.8) ? 0 : 1;
      pathway.supports.add(pickNear(groups[layer], layers[layer], pathway.cluster));
    }
  }
  // Coverage: every top claim has a pathway, every other claim a parent one layer up, every
  // event a claim parent, every developed bottom claim a support.
  const used = new Set(pathways.flatMap((p) => [...p.supports]));
  for (const key of options.pathways > 0 ? layers[0] : []) {
    if (used.has(key)) continue;
    const home = pathways.filter((p) => p.cluster === clusterOf.get(key));
    pick(home.length > 0 ? home : pathways).supports.add(key);
  }
  for (const pathway of pathways) linkCount += pathway.supports.size;
  for (let i = 1; i < layers.length; i++) {
    for (const key of layers[i]) addSupport(pickParent(i - 1, clusterOf.get(key)!), key);
  }
  for (const key of eventKeys) {
    addSupport(pickParent(chance(0.5) ? last : last - 1, clusterOf.get(key)!), key);
  }
  // Every developed claim gets at least two supports, then random links up to the budget.
  const developed = claimKeys.filter((key) => !leafless.has(key));
  for (const key of developed) while (supports.get(key)!.size < 2) addSupport(key, pickChild(key));
  for (let guard = 0; linkCount < options.links && guard < options.links * 4; guard++) {
    const key = pick(developed);
    addSupport(key, pickChild(key));
  }

  // Requirements are chosen bottom-up knowing which supports hold, so that most arguments hold
  // (as in a real report) while still resting on some work that is not in place yet.
  const holds = new Map<string, boolean>();
  mitigations.forEach((m) =>
    holds.set(m.key, m.status === 'in_place' && m.dependsOn.every((d) => holds.get(d))),
  );
  evidence.forEach((e) => holds.set(e.key, e.status === 'valid'));
  const chooseRequirement = (list: readonly string[], level: Level): Requirement => {
    const requirement = pickRequirement(random, list.length, level);
    const holding = list.filter((k) => holds.get(k)).length;
    if (holding >= requiredCount(requirement, list.length) || holding === 0 || chance(0.15)) {
      return requirement;
    }
    return { mode: 'atLeast', atLeast: holding };
  };
  const claimByKey = new Map<string, CaseClaim>();
  for (let layer = layers.length - 1; layer >= 0; layer--) {
    for (const key of layers[layer]) {
      const list = [...supports.get(key)!];
      const requires = chooseRequirement(
        list,
        layer >= layers.length - 2 ? 'controls' : 'argument',
      );
      const holding = list.filter((k) => holds.get(k)).length;
      holds.set(
        key,
        list.length === 0 ? assumed.has(key) : holding >= requiredCount(requires, list.length),
      );
      claimByKey.set(key, {
        key,
        statement: `Claim ${key} holds.`,
        kind: pick([
          'alignment',
          'capability',
          'monitoring',
          'security',
          'deployment',
          'assessment',
        ] as const),
        description: null,
        requires,
        supports: list,
        assumed: assumed.has(key),
      });
    }
  }
  const claims = claimKeys.map((key) => claimByKey.get(key)!);
  const casePathways: CasePathway[] = pathways.map(({ key, supports: set }) => ({
    key,
    title: `Threat pathway ${key}`,
    description: null,
    requires: chooseRequirement([...set], 'pathway'),
    supports: [...set],
  }));

  return {
    report: {
      key: `generated-${options.seed}`,
      title: 'Generated case',
      model: null,
      previous: null,
      description: null,
    },
    teams: Array.from({ length: 7 }, (_, i) => ({ key: `team-${i + 1}`, name: `Team ${i + 1}` })),
    pathways: casePathways,
    claims,
    mitigations,
    evidence,
  };
}

type Level = 'controls' | 'argument' | 'pathway';

function requiredCount(requirement: Requirement, n: number): number {
  return requirement.mode === 'all' ? n : requirement.mode === 'any' ? 1 : requirement.atLeast;
}

function pickRequirement(random: () => number, n: number, level: Level): Requirement {
  if (n === 0) return { mode: 'all' };
  const r = random();
  const [anyShare, atLeastShare] =
    level === 'controls' ? [0.35, 0.25] : level === 'argument' ? [0.05, 0.1] : [0, 0.2];
  if (r < anyShare) return { mode: 'any' };
  // High thresholds: "all but one" is the usual way to tolerate a single weak support.
  if (r < anyShare + atLeastShare && n > 1) return { mode: 'atLeast', atLeast: n - 1 };
  return { mode: 'all' };
}

function pickMitigationStatus(r: number): MitigationStatus {
  if (r < 0.82) return 'in_place';
  if (r < 0.89) return 'planned';
  if (r < 0.93) return 'in_progress';
  if (r < 0.96) return 'degraded';
  if (r < 0.98) return 'failed';
  return 'retired';
}

function pickEvidenceStatus(r: number): EvidenceStatus {
  if (r < 0.88) return 'valid';
  if (r < 0.96) return 'stale';
  return 'invalidated';
}

/** mulberry32: a small, fast, seeded PRNG with good enough spread for test data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
