import { WriteCoalescer, type BatchOutcome } from '../../../src/store';

interface Deferred {
  batch: string[];
  settle(outcome: BatchOutcome): void;
}

/** A coalescer whose batches wait until the test settles them. */
function harness(limits: ConstructorParameters<typeof WriteCoalescer>[1] = {}) {
  const running: Deferred[] = [];
  const coalescer = new WriteCoalescer<string>(
    (batch) => new Promise<BatchOutcome>((resolve) => running.push({ batch: [...batch], settle: resolve })),
    limits,
  );
  const submit = (name: string, keys: string[] = [name], opCount = 1, byteCount = 10) => {
    const promise = coalescer.submit({ payload: name, keys, opCount, byteCount });
    const state = { settled: 'pending' as 'pending' | 'ok' | Error };
    promise.then(
      () => (state.settled = 'ok'),
      (err: Error) => (state.settled = err),
    );
    return { promise, state };
  };
  const flush = () => new Promise((r) => setImmediate(r));
  return { coalescer, running, submit, flush };
}

describe('WriteCoalescer', () => {
  it('batches a synchronous burst and fills the next batch while one is in flight', async () => {
    const { running, submit, flush } = harness({ maxBatchesInFlight: 1, maxOpsPerBatch: 3 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((n) => submit(n));
    await flush();
    expect(running.map((r) => r.batch)).toEqual([['a', 'b', 'c']]);
    running[0]!.settle({ kind: 'committed' });
    await flush();
    expect(running.map((r) => r.batch)).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    running[1]!.settle({ kind: 'committed' });
    await Promise.all(all.map((s) => s.promise));
  });

  it('bounds batches by bytes, sending an oversized request alone', async () => {
    const { running, submit, flush } = harness({ maxBatchesInFlight: 3, maxBytesPerBatch: 100 });
    submit('a', ['a'], 1, 60);
    submit('b', ['b'], 1, 60);
    submit('big', ['big'], 1, 500);
    await flush();
    expect(running.map((r) => r.batch)).toEqual([['a'], ['b'], ['big']]);
  });

  it('never runs two batches on one key, and keeps per-key order', async () => {
    const { running, submit, flush } = harness({ maxBatchesInFlight: 2 });
    submit('x1', ['x']);
    await flush();
    submit('x2', ['x']);
    submit('xy', ['x', 'y']);
    submit('y', ['y']);
    submit('z', ['z']);
    await flush();
    // x2, xy and (through xy) y wait for x1; z may go.
    expect(running.map((r) => r.batch)).toEqual([['x1'], ['z']]);
    running[0]!.settle({ kind: 'committed' });
    await flush();
    expect(running[2]!.batch).toEqual(['x2', 'xy', 'y']);
  });

  it('fails only the guilty request of a rejected batch and retries the others first', async () => {
    const { running, submit, flush, coalescer } = harness({ maxBatchesInFlight: 1 });
    const [a, b, c] = ['a', 'b', 'c'].map((n) => submit(n));
    await flush();
    const d = submit('d');
    running[0]!.settle({ kind: 'rejected', index: 1, error: new Error('conflict on b') });
    await flush();
    expect(b!.state.settled).toEqual(new Error('conflict on b'));
    expect(running[1]!.batch).toEqual(['a', 'c', 'd']);
    running[1]!.settle({ kind: 'committed' });
    await flush();
    expect([a!.state.settled, c!.state.settled, d.state.settled]).toEqual(['ok', 'ok', 'ok']);
    expect(coalescer.stats).toMatchObject({ batches: 2, committedRequests: 3, failedRequests: 1, retriedRequests: 2 });
  });

  it('fails exactly the requests of a failed batch, with the reason', async () => {
    const { running, submit, flush } = harness({ maxBatchesInFlight: 1, maxOpsPerBatch: 2 });
    const requests = ['a', 'b', 'c'].map((n) => submit(n));
    await flush();
    running[0]!.settle({ kind: 'failed', error: new Error('connection loss') });
    await flush();
    expect(requests.map((r) => r.state.settled)).toEqual([new Error('connection loss'), new Error('connection loss'), 'pending']);
    expect(running[1]!.batch).toEqual(['c']);
  });

  it('treats a throwing runner as a failed batch and reports idle', async () => {
    const coalescer = new WriteCoalescer<string>(async () => {
      throw new Error('boom');
    });
    await expect(coalescer.submit({ payload: 'a', keys: ['a'], opCount: 1, byteCount: 1 })).rejects.toThrow('boom');
    await expect(coalescer.idle()).resolves.toBeUndefined();
  });
});
