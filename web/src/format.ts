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

/** A pathway's or claim's state in one report of a comparison; `—` when that report lacks it. */
export function argumentStateText(
  state: { holds: boolean; margin: number | null } | null,
  maxOrder: number,
): string {
  if (!state) return '—';
  if (!state.holds) return 'broken';
  return state.margin === null ? `margin > ${maxOrder}` : `margin ${state.margin}`;
}

export function effortText(effort: number | null): string {
  return effort === null ? 'no estimate' : `effort ${effort}`;
}

export function countText(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A long text shortened for a one-line summary; the whole of it goes in a title. */
export function shortText(text: string | null, length = 80): string {
  if (text === null) return '—';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
