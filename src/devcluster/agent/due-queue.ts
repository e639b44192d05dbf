/**
 * A min-heap of items by due time. Items are never removed from the middle:
 * the owner re-queues an item when its due time changes and skips the stale
 * entries that come out (see {@link DueQueue.popDue}).
 */
interface Entry<T> {
  atMs: number;
  item: T;
}

export class DueQueue<T> {
  private readonly heap: Entry<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T, atMs: number): void {
    const heap = this.heap;
    heap.push({ atMs, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.atMs <= heap[i]!.atMs) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /** The earliest entry that `isCurrent` accepts, discarding the stale ones before it. */
  peek(isCurrent: (item: T, atMs: number) => boolean): { item: T; atMs: number } | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (isCurrent(top.item, top.atMs)) return top;
      this.pop();
    }
    return undefined;
  }

  /** Removes and returns the current entries due at or before `nowMs`. */
  popDue(nowMs: number, isCurrent: (item: T, atMs: number) => boolean): T[] {
    const due: T[] = [];
    for (let top = this.peek(isCurrent); top && top.atMs <= nowMs; top = this.peek(isCurrent)) {
      due.push(top.item);
      this.pop();
    }
    return due;
  }

  clear(): void {
    this.heap.length = 0;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.atMs < heap[smallest]!.atMs) smallest = left;
      if (right < heap.length && heap[right]!.atMs < heap[smallest]!.atMs) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}
