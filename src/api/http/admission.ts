import type { RequestHandler } from 'express';

/**
 * At most this many new requests start per turn of the event loop. One keeps the tail shortest
 * but costs a quarter of the throughput on the load test (npm run load: 470–510 against
 * 590–690 req/s at four; eight gave no more throughput and a longer tail).
 */
const STARTS_PER_TURN = 4;

/**
 * Starts the HTTP requests that have arrived a few per turn of the event loop, in arrival order.
 *
 * Under load, Node reads every request that has arrived in one go and runs each until it waits
 * for the database. The database's answers, which the requests already started are waiting
 * for, are read only after that whole batch, so a request with a few round trips (a status
 * change) falls a batch behind per round trip, and those requests make the tail latency.
 * Starting only a few new requests per turn lets the answers in between: the requests already
 * started finish first, and the new ones wait their turn in arrival order.
 */
export function admission(startsPerTurn = STARTS_PER_TURN): RequestHandler {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const startSome = () => {
    for (let i = 0; i < startsPerTurn && waiting.length > 0; i++) waiting.shift()!();
    scheduled = waiting.length > 0;
    // An immediate set from an immediate runs in the next turn, after that turn's I/O.
    if (scheduled) setImmediate(startSome);
  };
  return (_request, _response, next) => {
    waiting.push(next);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startSome);
    }
  };
}
