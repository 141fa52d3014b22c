import { WriteQueue, type QueuedWrite } from './write-queue';

interface Write extends QueuedWrite {
  readonly name: string;
}

const write = (name: string, alone = false): Write => ({ name, alone });
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A queue whose batches finish when `finish` is called, recording each batch's writes. */
function harness(maxBatch = 100, handBack: (batch: Write[]) => Write[] = () => []) {
  const batches: string[][] = [];
  const failed: string[] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const queue = new WriteQueue<Write>(
    async (_key, batch) => {
      batches.push(batch.map((w) => w.name));
      await new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
      return handBack(batch);
    },
    maxBatch,
    (write) => failed.push(write.name),
  );
  const finish = async () => {
    pending.shift()!.resolve();
    await tick();
  };
  const crash = async () => {
    pending.shift()!.reject(new Error('broken'));
    await tick();
  };
  return { queue, batches, failed, finish, crash };
}

describe('WriteQueue', () => {
  it('runs the first write at once and the writes that came meanwhile as one batch, in order', async () => {
    const { queue, batches, finish } = harness();
    queue.push('r', write('a'));
    queue.push('r', write('b'));
    queue.push('r', write('c'));
    await tick();
    expect(batches).toEqual([['a']]);
    await finish();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    await finish();
    queue.push('r', write('d'));
    await tick();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('runs the queues of different keys side by side', async () => {
    const { queue, batches } = harness();
    queue.push('r', write('a'));
    queue.push('s', write('b'));
    await tick();
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('runs a write that must run alone in a batch of its own, keeping the order', async () => {
    const { queue, batches, finish } = harness();
    queue.push('r', write('a'));
    for (const w of [write('b'), write('c'), write('d', true), write('e'), write('f', true)]) {
      queue.push('r', w);
    }
    for (let i = 0; i < 5; i++) await finish();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d'], ['e'], ['f']]);
  });

  it('caps a batch at maxBatch', async () => {
    const { queue, batches, finish } = harness(2);
    for (const name of 'abcde') queue.push('r', write(name));
    for (let i = 0; i < 3; i++) await finish();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('puts the writes a batch hands back first into the next batch', async () => {
    const { queue, batches, finish } = harness(100, (batch) => batch.slice(1));
    queue.push('r', write('a'));
    queue.push('r', write('b'));
    queue.push('r', write('c'));
    await tick();
    await finish(); // a
    queue.push('r', write('d'));
    await finish(); // b, c: hands back c
    await finish(); // c, d: hands back d
    await finish(); // d
    expect(batches).toEqual([['a'], ['b', 'c'], ['c', 'd'], ['d']]);
  });

  it('fails the writes still waiting when a batch breaks its promise to answer, and starts afresh', async () => {
    const { queue, batches, failed, finish, crash } = harness();
    queue.push('r', write('a'));
    queue.push('r', write('b'));
    queue.push('r', write('c'));
    await crash(); // a's batch throws: b and c are failed, not left waiting
    expect(failed).toEqual(['b', 'c']);
    queue.push('r', write('d'));
    await tick();
    expect(batches).toEqual([['a'], ['d']]);
    await finish();
  });
});
