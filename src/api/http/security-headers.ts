import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The directives every answer carries: the dashboard loads only its own bundle (no inline code, no
 * other origin; `'self'` covers its same-origin WebSocket) and may not be framed.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as a header value, with some directives widened (the explorer's inline bootstrap). */
export function contentSecurityPolicy(extra: Record<string, readonly string[]> = {}): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([name, sources]) => [name, ...sources, ...(extra[name] ?? [])].join(' '))
    .join('; ');
}

/**
 * nosniff, a content security policy, no framing, no referrer across origins (helmet's defaults
 * otherwise). HSTS is left to the TLS proxy in front: the service itself speaks plain HTTP.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: CONTENT_SECURITY_POLICY,
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
}
