import { Logger } from '@nestjs/common';
import type { ErrorRequestHandler } from 'express';

/** What body-parser throws for a body it refuses (http-errors). */
interface RefusedBody {
  readonly status: number;
  readonly expose: boolean;
  readonly message: string;
}

const isRefusedBody = (e: unknown): e is RefusedBody =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as RefusedBody).status === 'number' &&
  (e as RefusedBody).status < 500 &&
  (e as RefusedBody).expose === true;

/**
 * A body the parser refuses (413 over BODY_LIMIT, 400 malformed JSON, 415 an unknown charset) is
 * the client's mistake: answer it as Nest would, but log one warning line, not an error with a
 * stack trace. Mounted right after the body parser, so it sees only the parser's errors.
 */
export function clientBodyErrors(logger = new Logger('HTTP')): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isRefusedBody(error)) {
      next(error);
      return;
    }
    logger.warn(`${req.method} ${req.originalUrl}: ${error.status} ${error.message}`);
    res.status(error.status).json({ statusCode: error.status, message: error.message });
  };
}
