import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. */
export function hasBearerToken(req: Request, expected: string): boolean {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!match) return false;
  // Equal-length digests, so the comparison leaks neither the token nor its length.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
