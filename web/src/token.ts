/**
 * The bearer token of this browser tab: kept in session storage (gone when the tab closes),
 * taken from a `?token=` sign-in link (the service prints one on its first start) and then
 * removed from the address bar so it is not bookmarked or shared by accident.
 */
const KEY = 'loadbearing-token';

export function takeTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.toString());
}

export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (token: string): void => sessionStorage.setItem(KEY, token.trim());
export const clearToken = (): void => sessionStorage.removeItem(KEY);
