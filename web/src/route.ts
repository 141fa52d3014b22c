import { useEffect, useState } from 'preact/hooks';

export const VIEWS = [
  'overview',
  'matrix',
  'roadmap',
  'probability',
  'diagram',
  'scenarios',
  'compare',
  'review',
  'team',
] as const;
export type View = (typeof VIEWS)[number];

/** Which review defeaters the analyses apply (SPEC §3.8), as the API's `findings:` argument. */
export const FINDINGS_MODES = ['NONE', 'ACCEPTED', 'OPEN_AND_ACCEPTED'] as const;
export type FindingsMode = (typeof FINDINGS_MODES)[number];

export interface Route {
  report?: string;
  view: View;
  /** The pathway the diagram shows, or the one whose scenarios the scenarios view lists. */
  pathway?: string;
  /** The report the compare view compares the current one with (its `from`). */
  other?: string;
  /** The review the review view shows. */
  review?: string;
  /** The team whose open information requests the team view lists. */
  team?: string;
  /** "View as reviewed": the defeaters every view that can applies; NONE when absent. */
  findings?: FindingsMode;
}

/** The view whose detail segment means what; the others take none. */
const DETAIL = {
  diagram: 'pathway',
  scenarios: 'pathway',
  compare: 'other',
  review: 'review',
  team: 'team',
} as const;

/**
 * `#/<report>/<view>[/<detail>][?findings=<mode>]`: a link to a view can be shared and survives
 * a reload. The detail is the diagram's pathway, the pathway the scenarios are filtered to, the
 * report the compare view compares with, the review shown or the team; `findings` is the "view as reviewed" mode, kept as views change.
 */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [report, view, detail] = path.split('/').map(decodeURIComponent);
  const known = VIEWS.includes(view as View) ? (view as View) : 'overview';
  const findings = new URLSearchParams(query).get('findings') as FindingsMode | null;
  const route: Route = { report: report || undefined, view: known };
  if (known in DETAIL && detail) route[DETAIL[known as keyof typeof DETAIL]] = detail;
  if (findings && findings !== 'NONE' && FINDINGS_MODES.includes(findings)) {
    route.findings = findings;
  }
  return route;
}

export function routeHash(route: Route): string {
  const field = DETAIL[route.view as keyof typeof DETAIL];
  const detail = field ? route[field] : undefined;
  const parts = [route.report ?? '', route.view, ...(detail ? [detail] : [])];
  const query = route.findings && route.findings !== 'NONE' ? `?findings=${route.findings}` : '';
  return `#/${parts.map(encodeURIComponent).join('/')}${query}`;
}

/** The current route, and a navigation that keeps the findings mode unless told otherwise. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [
    route,
    (next) => (window.location.hash = routeHash({ findings: route.findings, ...next })),
  ];
}
