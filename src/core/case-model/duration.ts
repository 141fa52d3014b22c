/**
 * Durations of response chains (SPEC §8): a whole number and a unit, `30s`, `5m`, `2h`, `3d`.
 * The model keeps seconds; files keep the text.
 */

export const DURATION_PATTERN = /^(\d{1,10})(s|m|h|d)$/;

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;

/** The longest duration a case may hold: a century, far past any time to harm. */
export const MAX_DURATION_SECONDS = 36_500 * UNIT_SECONDS.d;

export const DURATION_HINT = 'must be a duration such as 30s, 5m, 2h or 3d';

/** Seconds of a duration text, or null when it is not one (or longer than MAX_DURATION_SECONDS). */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds <= MAX_DURATION_SECONDS ? seconds : null;
}

/** Whether a number of seconds can be written as a duration (and so stored in a case). */
export const isDuration = (seconds: number): boolean =>
  Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_DURATION_SECONDS;

/** The text of a duration in its largest whole unit: 7200 → `2h`, 5400 → `90m`, 0 → `0s`. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (seconds > 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * A duration for people to read, in every unit it has: 5100 → `1h 25m`, 7200 → `2h`. Not a
 * file value (formatDuration writes those): files keep one unit.
 */
export function describeDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
