import type { RequestHandler } from 'express';

/**
 * Starts the HTTP requests that have arrived one per turn of the event loop, in arrival order.
 *
 * Under load, Node reads every request that has arrived in one go and runs each until it waits
 * for the database. The database's answers, which the requests already started are waiting
 * for, are read only after that whole batch, so a request with a few round trips (a status
 * change) falls a batch behind per round trip, and those requests make the tail latency.
 * Starting one new request per turn lets the answers in between: the requests already started
 * finish first, and each new one waits its turn in arrival order.
 */
export function admission(): RequestHandler {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const startNext = () => {
    waiting.shift()!();
    scheduled = waiting.length > 0;
    // An immediate set from an immediate runs in the next turn, after that turn's I/O.
    if (scheduled) setImmediate(startNext);
  };
  return (_request, _response, next) => {
    waiting.push(next);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startNext);
    }
  };
}
