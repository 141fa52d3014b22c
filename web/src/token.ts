/**
 * The bearer token of this browser tab: kept in session storage (gone when the tab closes),
 * taken from a sign-in link's fragment (`/#?token=…`, or after a view: `/#/<report>/<view>?token=…`;
 * the service prints one on its first start) and then removed from the address bar. A fragment is
 * never sent to the server, so the token stays out of access logs and Referer headers, and
 * replacing the history entry keeps it out of the browser's history.
 */
const KEY = 'loadbearing-token';

export function takeTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const [route, query = ''] = url.hash.split('?', 2);
  const params = new URLSearchParams(query);
  const token = params.get('token');
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  params.delete('token');
  const rest = params.toString();
  url.hash = route === '#' && !rest ? '' : `${route}${rest ? `?${rest}` : ''}`;
  window.history.replaceState(null, '', url.toString());
}
export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (token: string): void => sessionStorage.setItem(KEY, token.trim());
export const clearToken = (): void => sessionStorage.removeItem(KEY);
