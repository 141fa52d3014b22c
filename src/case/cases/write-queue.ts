/** A write waiting its turn: `alone` ones run in a batch of their own. */
export interface QueuedWrite {
  readonly alone: boolean;
}

/**
 * Per key (a report), runs the writes queued to it in batches, one batch at a time, in the
 * order they came: each batch takes every write waiting when it starts (up to `maxBatch`), up to
 * the first that must run alone. `run` answers each write of its batch itself and may hand back
 * writes it did not get to (they go first into the next batch). Should it throw all the same,
 * the writes still waiting are failed with its error.
 */
export class WriteQueue<W extends QueuedWrite> {
  private readonly waiting = new Map<string, W[]>();

  constructor(
    private readonly run: (key: string, batch: W[]) => Promise<W[]>,
    private readonly maxBatch: number,
    /** Answers a write with an error, when `run` failed. */
    private readonly fail: (write: W, error: unknown) => void,
  ) {}

  push(key: string, write: W): void {
    const queue = this.waiting.get(key);
    if (queue) {
      queue.push(write);
      return;
    }
    const started = [write];
    this.waiting.set(key, started);
    void this.drain(key, started);
  }

  private async drain(key: string, queue: W[]): Promise<void> {
    try {
      while (queue.length > 0) {
        const size = queue[0].alone ? 1 : queue.findIndex((w) => w.alone);
        const batch = queue.splice(0, Math.min(size === -1 ? queue.length : size, this.maxBatch));
        queue.unshift(...(await this.run(key, batch)));
      }
    } catch (e) {
      // `run` broke its promise to answer: whatever still waits gets the error.
      for (const write of queue.splice(0)) this.fail(write, e);
    } finally {
      this.waiting.delete(key);
    }
  }
}
