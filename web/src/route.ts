import { useEffect, useState } from 'preact/hooks';

export const VIEWS = [
  'overview',
  'matrix',
  'roadmap',
  'probability',
  'diagram',
  'compare',
] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  report?: string;
  view: View;
  /** The pathway the diagram shows. */
  pathway?: string;
  /** The report the compare view compares the current one with (its `from`). */
  other?: string;
}

/**
 * `#/<report>/<view>[/<detail>]`: a link to a view can be shared and survives a reload. The
 * detail is the diagram's pathway or the report the compare view compares with.
 */
export function parseRoute(hash: string): Route {
  const [report, view, detail] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const known = VIEWS.includes(view as View) ? (view as View) : 'overview';
  return {
    report: report || undefined,
    view: known,
    pathway: known === 'diagram' ? detail || undefined : undefined,
    other: known === 'compare' ? detail || undefined : undefined,
  };
}

export function routeHash({ report, view, pathway, other }: Route): string {
  const detail = view === 'diagram' ? pathway : view === 'compare' ? other : undefined;
  const parts = [report ?? '', view, ...(detail ? [detail] : [])];
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next) => (window.location.hash = routeHash(next))];
}
