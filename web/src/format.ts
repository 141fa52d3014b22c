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

const DURATION_UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

/**
 * Seconds as the case files write durations (SPEC §8), units combined when one does not divide
 * them: 300 → `5m`, 7200 → `2h`, 5100 → `1h25m`, 0 → `0s`.
 */
export function durationText(seconds: number): string {
  let rest = Math.round(seconds);
  let text = '';
  for (const [unit, size] of DURATION_UNITS) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}

/** What the API's `latencies` take: a duration (`30s`, `5m`, `4h`, `3d`) or whole seconds. */
export const DURATION_INPUT_PATTERN = '\\d+[smhd]?';
