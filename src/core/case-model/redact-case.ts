import type { Case } from './case';

/** What a reader without clearance reads in place of a restricted node's text. */
export const REDACTED = '[restricted]';

/**
 * The case as a token without clearance may see it: restricted nodes keep their key, kind,
 * statuses and links (so analyses and drawings stay right) but their text becomes `placeholder`
 * and their description null. A scenario tells of its pathway, so it is hidden with it.
 */
export function redactCase(c: Case, placeholder: string): Case {
  const hide = <T extends { restricted?: boolean; description: string | null }>(
    node: T,
    text: Partial<T>,
  ): T => (node.restricted ? { ...node, ...text, description: null } : node);
  const restrictedPathways = new Set(c.pathways.filter((p) => p.restricted).map((p) => p.key));
  return {
    ...c,
    pathways: c.pathways.map((p) => hide(p, { title: placeholder })),
    claims: c.claims.map((cl) => hide(cl, { statement: placeholder })),
    mitigations: c.mitigations.map((m) => hide(m, { title: placeholder })),
    evidence: c.evidence.map((e) => hide(e, { title: placeholder })),
    ...(c.scenarios
      ? {
          scenarios: c.scenarios.map((s) =>
            restrictedPathways.has(s.pathway) ? { ...s, title: placeholder, description: null } : s,
          ),
        }
      : {}),
  };
}

export const hasRestrictedNodes = (c: Case): boolean =>
  [c.pathways, c.claims, c.mitigations, c.evidence].some((nodes) =>
    nodes.some((n) => n.restricted),
  );
