/**
 * Records what a SchedulerClient reports and lets a test await the next
 * event or disconnect, instead of sleeping.
 */
import type { DisconnectReason, SchedulerClient } from '../../../src/transport';
import type { SchedulerEvent } from '../../../src/wire';

export class ClientRecorder {
  readonly events: Array<{ event: SchedulerEvent; generation: number }> = [];
  readonly disconnects: Array<{ reason: DisconnectReason; generation: number }> = [];
  private waiters: Array<() => void> = [];

  constructor(client: SchedulerClient) {
    client.onEvent((event, generation) => {
      this.events.push({ event, generation });
      this.wake();
    });
    client.onDisconnected((reason, generation) => {
      this.disconnects.push({ reason, generation });
      this.wake();
    });
  }

  /** Resolves once `count` disconnects have been recorded. */
  async disconnected(count = 1): Promise<{ reason: DisconnectReason; generation: number }> {
    await this.until(() => this.disconnects.length >= count);
    return this.disconnects[count - 1]!;
  }

  /** Resolves once `count` events have been recorded. */
  async eventCount(count: number): Promise<void> {
    await this.until(() => this.events.length >= count);
  }

  private until(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (predicate()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
