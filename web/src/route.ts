import { useEffect, useState } from 'preact/hooks';

export const VIEWS = ['overview', 'matrix', 'roadmap', 'probability', 'diagram'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  report?: string;
  view: View;
  /** The pathway the diagram shows. */
  pathway?: string;
}

/** `#/<report>/<view>[/<pathway>]`: a link to a view can be shared and survives a reload. */
export function parseRoute(hash: string): Route {
  const [report, view, pathway] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return {
    report: report || undefined,
    view: VIEWS.includes(view as View) ? (view as View) : 'overview',
    pathway: pathway || undefined,
  };
}

export function routeHash({ report, view, pathway }: Route): string {
  const parts = [report ?? '', view, ...(pathway ? [pathway] : [])];
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
