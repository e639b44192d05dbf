/**
 * What the master's behaviour modules share: the state, the injected clock,
 * randomness and logger, and the two effects every module needs — sending an
 * event to a framework and asking for an offer round.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { Random } from '../../util/random';
import type { MasterFaultHooks } from './fault-hooks';
import type { IdMinter } from './ids';
import type { ResolvedMasterOptions } from './master-options';
import type { MasterRegistry } from './master-registry';
import type { MasterState } from './master-state';

export interface MasterContext {
  readonly state: MasterState;
  readonly options: ResolvedMasterOptions;
  readonly ids: IdMinter;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly registry: MasterRegistry;
  readonly faults: MasterFaultHooks;
  /** This master's MasterInfo (valid once it listens). */
  masterInfo(): mesos.v1.IMasterInfo;
  /** Sends an event on the framework's stream; dropped when it is not connected, as Mesos drops them. */
  send(frameworkId: string, event: mesos.v1.scheduler.IEvent): void;
  /** Asks for an offer round soon (coalesced). */
  allocateSoon(): void;
}
