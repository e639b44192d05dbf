/**
 * A typed listener list: `on` returns the function that removes the listener.
 * A throwing listener is reported to `onListenerError` and does not stop the others.
 */
export class Listeners<Args extends unknown[]> {
  private readonly listeners = new Set<(...args: Args) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  /** Adds `listener`; returns a function that removes it. */
  on(listener: (...args: Args) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Calls every listener with `args`, in the order they were added. */
  emit(...args: Args): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
