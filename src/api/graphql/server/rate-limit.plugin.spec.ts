import { RateLimiter } from './rate-limit.plugin';

describe('RateLimiter (sliding window per key)', () => {
  const MINUTE = 60_000;
  let now: number;
  const limiter = (perMinute: number) => new RateLimiter(perMinute, () => now);
  beforeEach(() => {
    now = 100 * MINUTE; // the start of a window
  });

  it('allows the limit in a minute, then refuses with the seconds until one more fits', () => {
    const l = limiter(5);
    for (let i = 0; i < 5; i++) expect(l.take('a')).toBeNull();
    now += 10_000;
    // The five count fully until the next window starts, then fade out over its minute: one
    // more fits once 5 × (1 − elapsed) ≤ 4, 12 s into the next window: 50 + 12 s from now.
    expect(l.take('a')).toBe(62);
    now += 61_000;
    expect(l.take('a')).toBe(1);
    now += 1_000;
    expect(l.take('a')).toBeNull();
  });

  it('counts each key on its own', () => {
    const l = limiter(2);
    expect(l.take('a')).toBeNull();
    expect(l.take('a')).toBeNull();
    expect(l.take('a')).not.toBeNull();
    expect(l.take('b')).toBeNull();
  });

  it('does not count refused requests', () => {
    const l = limiter(1);
    expect(l.take('a')).toBeNull();
    for (let i = 0; i < 100; i++) expect(l.take('a')).not.toBeNull();
    now += 2 * MINUTE;
    expect(l.take('a')).toBeNull();
  });

  it('lets a steady over-the-limit client through at about the limit a minute, never twice it in 60 s', () => {
    const l = limiter(10);
    const allowed: number[] = [];
    // A request every 0.7 s (86 a minute) for 5 minutes, starting mid-window.
    now += 37_000;
    const start = now;
    for (let i = 0; i < 430; i++) {
      if (l.take('a') === null) allowed.push(now);
      now += 700;
    }
    const minutes = (now - start) / MINUTE;
    expect(allowed.length).toBeGreaterThanOrEqual(10 * (minutes - 1));
    expect(allowed.length).toBeLessThanOrEqual(10 * (minutes + 1));
    // The previous minute's count is spread evenly over it in the estimate, so bunching can put
    // more than the limit into one 60 s span, but never twice the limit.
    for (const from of allowed) {
      const inSpan = allowed.filter((t) => t >= from && t < from + MINUTE).length;
      expect(inSpan).toBeLessThan(20);
    }
  });

  it('drops keys idle for two windows, once a window', () => {
    const l = limiter(10);
    l.take('a');
    l.take('b');
    expect(l.size).toBe(2);
    now += MINUTE;
    l.take('b');
    expect(l.size).toBe(2); // a's count still weighs in this window
    now += MINUTE;
    l.take('b');
    expect(l.size).toBe(1);
  });

  it('says when a request fits again, and it does', () => {
    const l = limiter(3);
    now += 45_000;
    for (let i = 0; i < 3; i++) expect(l.take('a')).toBeNull();
    const wait = l.take('a')!;
    now += (wait - 1) * 1000;
    expect(l.take('a')).not.toBeNull();
    now += 1000;
    expect(l.take('a')).toBeNull();
  });
});
