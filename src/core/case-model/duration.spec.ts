import { describeDuration, formatDuration, MAX_DURATION_SECONDS, parseDuration } from './duration';

describe('durations (SPEC §8)', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['2h', 7200],
    ['3d', 259_200],
    ['0s', 0],
    ['90m', 5400],
    ['36500d', MAX_DURATION_SECONDS],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5', '5 m', '5min', '1.5h', '-5m', '5M', '2w', ' 5m', '36501d', '99999999999s'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it.each([
    [0, '0s'],
    [45, '45s'],
    [300, '5m'],
    [5400, '90m'],
    [7200, '2h'],
    [86_400, '1d'],
    [MAX_DURATION_SECONDS - 1, `${MAX_DURATION_SECONDS - 1}s`],
  ])('writes %i seconds as %s, in its largest whole unit, which reads back the same', (s, text) => {
    expect(formatDuration(s)).toBe(text);
    expect(parseDuration(text)).toBe(s);
  });

  it.each([
    [0, '0s'],
    [45, '45s'],
    [5400, '1h 30m'],
    [7200, '2h'],
    [2_589_240, '29d 23h 14m'],
    [90_061, '1d 1h 1m 1s'],
  ])('describes %i seconds as %s for people', (s, text) => {
    expect(describeDuration(s)).toBe(text);
  });
});
