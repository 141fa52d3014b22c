import type { NextFunction, Request, Response } from 'express';
import { admission } from './admission';

/** Resolves after the event loop's next check phase (the turn after this one's I/O). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('admission', () => {
  it('starts a few requests per turn of the event loop, in arrival order', async () => {
    const admit = admission(2);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) {
      admit({} as Request, {} as Response, (() => started.push(i)) as NextFunction);
    }
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual([0, 1]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts a request that arrives once the queue is empty', async () => {
    const admit = admission();
    const started: string[] = [];
    admit({} as Request, {} as Response, (() => started.push('first')) as NextFunction);
    await nextTurn();
    admit({} as Request, {} as Response, (() => started.push('later')) as NextFunction);
    await nextTurn();
    expect(started).toEqual(['first', 'later']);
  });
});
