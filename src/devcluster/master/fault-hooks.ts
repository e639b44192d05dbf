/**
 * The seams through which `faults.ts` bends a master's behaviour. A master
 * without hooks behaves like a healthy Mesos master.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { MasterHttpError } from './errors';

export interface MasterFaultHooks {
  /**
   * Consulted before a scheduler call is handled (after the leader check).
   * Returning an error answers the call with it instead.
   */
  beforeCall?(callType: string): MasterHttpError | undefined;
  /**
   * Routes a status UPDATE event on its way to a framework's stream. A
   * healthy route calls `deliver(event)` once, now; a faulty one may call it
   * later, twice, never, or after a later update.
   */
  relayUpdate?(frameworkId: string, event: mesos.v1.scheduler.IEvent, deliver: (event: mesos.v1.scheduler.IEvent) => void): void;
}
