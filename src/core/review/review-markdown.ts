import type { Case } from '../case-model/case';
import { REDACTED } from '../case-model/redact-case';
import type { Defeats, FindingKind, FindingState, ReviewClearance, ReviewKind } from './finding';
import type { ReviewImpact } from './review-impact';

export interface ReviewForExport {
  readonly key: string;
  readonly title: string;
  readonly reviewer: string;
  readonly kind: ReviewKind;
  readonly clearance: ReviewClearance;
  readonly findings: readonly {
    readonly number: number;
    readonly node: string | null;
    readonly link: { readonly from: string; readonly to: string } | null;
    readonly kind: FindingKind;
    readonly defeats: Defeats | null;
    readonly state: FindingState;
    readonly author: string | null;
    readonly body: string;
    readonly replies: readonly { readonly author: string | null; readonly body: string }[];
  }[];
}

/**
 * SPEC §7 `exportReview`: the findings grouped by pathway, with states, replies and impact, as
 * Markdown. Without `clearance`, what is said about a restricted node (its title, a finding or
 * reply on it) reads [restricted]; keys stay, as everywhere.
 */
export function formatReviewMarkdown({
  case: c,
  review,
  impact,
  clearance,
}: {
  readonly case: Case;
  readonly review: ReviewForExport;
  readonly impact: ReviewImpact;
  readonly clearance: boolean;
}): string {
  const restricted = new Set(
    [...c.pathways, ...c.claims, ...c.mitigations, ...c.evidence]
      .filter((n) => n.restricted)
      .map((n) => n.key),
  );
  const known = new Set(
    [...c.pathways, ...c.claims, ...c.mitigations, ...c.evidence].map((n) => n.key),
  );
  const hidden = (keys: readonly string[]) =>
    !clearance && keys.some((k) => restricted.has(k) || !known.has(k));
  const pathwaysOf = reachingPathways(c);
  const lines = [
    `# ${review.title}`,
    '',
    `Review \`${review.key}\` of report \`${c.report.key}\` (${c.report.title}) by ${review.reviewer}: ${review.kind}, clearance ${review.clearance}.`,
    '',
    '## Impact',
    '',
  ];
  const keys = (list: readonly { key: string }[]) => list.map((x) => `\`${x.key}\``).join(', ');
  if (impact.brokenPathways.length + impact.brokenClaims.length + impact.weakened.length === 0) {
    lines.push('The open and accepted defeaters break and weaken nothing.');
  } else {
    if (impact.brokenPathways.length > 0) {
      lines.push(`- Breaks pathways: ${keys(impact.brokenPathways)}`);
    }
    if (impact.brokenClaims.length > 0) lines.push(`- Breaks claims: ${keys(impact.brokenClaims)}`);
    for (const w of impact.weakened) {
      lines.push(
        `- Weakens \`${w.key}\`: margin ${w.before ?? 'above the order'} → ${w.after ?? 'above the order'}`,
      );
    }
  }
  const groups = new Map<string, (typeof review.findings)[number][]>();
  for (const f of review.findings) {
    const target = f.node ?? f.link!.to;
    const under = pathwaysOf.get(target) ?? [];
    for (const p of under.length > 0 ? under : ['']) {
      groups.set(p, [...(groups.get(p) ?? []), f]);
    }
  }
  const titleOf = new Map(c.pathways.map((p) => [p.key, p.title]));
  const ordered = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1,
  );
  for (const p of ordered) {
    const title =
      p === ''
        ? 'Findings under no pathway'
        : `Pathway \`${p}\`: ${hidden([p]) ? REDACTED : titleOf.get(p)}`;
    lines.push('', `## ${title}`);
    for (const f of groups.get(p)!) {
      const on =
        f.node !== null ? `\`${f.node}\`` : `the support \`${f.link!.from}\` → \`${f.link!.to}\``;
      const targetKeys = f.node !== null ? [f.node] : [f.link!.from, f.link!.to];
      const what = f.defeats ? `${f.defeats} defeater` : f.kind;
      const text = (body: string) => (hidden(targetKeys) ? REDACTED : body.replace(/\n/g, ' '));
      lines.push(
        '',
        `### ${f.number}. ${what} on ${on}: ${f.state}`,
        '',
        `${text(f.body)} (${f.author ?? 'unknown'})`,
      );
      for (const r of f.replies) lines.push(`> ${r.author ?? 'unknown'}: ${text(r.body)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** For every node, the pathways whose argument reaches it (supports, then dependsOn), by key. */
function reachingPathways(c: Case): Map<string, string[]> {
  const children = new Map<string, readonly string[]>([
    ...[...c.pathways, ...c.claims].map((n): [string, readonly string[]] => [n.key, n.supports]),
    ...c.mitigations.map((m): [string, readonly string[]] => [m.key, m.dependsOn]),
  ]);
  const result = new Map<string, string[]>();
  for (const p of [...c.pathways].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const seen = new Set<string>();
    const stack = [p.key];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      result.set(key, [...(result.get(key) ?? []), p.key]);
      stack.push(...(children.get(key) ?? []));
    }
  }
  return result;
}
