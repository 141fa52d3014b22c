/** Shared wording for the views. */

export function marginText(margin: number | null, holds: boolean): string {
  if (!holds) return 'broken';
  if (margin === null) return 'margin > 4';
  return `margin ${margin}`;
}

/** The colour class of a pathway or claim: broken, a single point of failure, thin, or robust. */
export function marginClass(margin: number | null, holds: boolean): string {
  if (!holds) return 'state-broken';
  if (margin === 1) return 'state-spof';
  if (margin === 2) return 'state-thin';
  return 'state-holds';
}

export function requiresText(requires: string, atLeast: number | null): string {
  return requires === 'atLeast' ? `at least ${atLeast}` : requires;
}

export function statusText(status: string | null): string {
  return status ? status.replace('_', ' ') : '—';
}

export function whenText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
