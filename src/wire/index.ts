/**
 * catapult/wire: the Mesos v1 scheduler and executor APIs as values — message
 * types, JSON and protobuf codecs, RecordIO framing, call constructors and
 * event guards. No I/O.
 *
 * Plain messages: only present fields are keys; enums are the generated
 * numeric enums (unknown numbers kept); 64-bit integers are a number when
 * safe, else a decimal string (encoders also take bigint and Long); bytes are
 * Uint8Array.
 */

// Generated messages
export { mesos, catapult } from '../../proto/gen/mesos';

// RecordIO
export { encodeRecord } from './recordio-encoder';
export { RecordIODecoder, DEFAULT_MAX_RECORD_BYTES } from './recordio-decoder';
export type { RecordIODecoderOptions } from './recordio-decoder';

// Codecs
export {
  CONTENT_TYPES,
  encodingOfContentType,
  encodeMessage,
  decodeMessage,
  encodeSchedulerCall,
  decodeSchedulerCall,
  encodeSchedulerEvent,
  decodeSchedulerEvent,
  encodeExecutorCall,
  decodeExecutorCall,
  encodeExecutorEvent,
  decodeExecutorEvent,
} from './codecs';
export type { Encoding } from './codecs';
export type { PlainInt64 } from './int64';

// Enums
export {
  enumName,
  enumValue,
  enumLabel,
  taskStateName,
  reasonName,
  sourceName,
  schedulerEventTypeName,
  schedulerCallTypeName,
  executorEventTypeName,
  executorCallTypeName,
} from './enums';

// Calls
export * as schedulerCalls from './scheduler-calls';
export type {
  SubscribeOptions,
  DeclineOptions,
  KillOptions,
  AcknowledgeTarget,
  ReconcileTarget,
  AcknowledgeOperationTarget,
  ReconcileOperationTarget,
  UpdateFrameworkOptions,
} from './scheduler-calls';
export * as executorCalls from './executor-calls';
export type { ExecutorSubscribeOptions } from './executor-calls';
export { toId, idValue } from './ids';
export type { IdLike } from './ids';
export { newUuidBytes, isValidUuidBytes, formatUuid } from './uuid';
export type { RandomSource } from './uuid';

// Events
export {
  isSubscribed,
  isOffers,
  isRescind,
  isUpdate,
  isMessage,
  isFailure,
  isError,
  isHeartbeat,
  isInverseOffers,
  isRescindInverseOffer,
  isUpdateOperationStatus,
  isKnownSchedulerEvent,
  needsAcknowledgement,
  isTerminalTaskState,
  decodeWaitStatus,
} from './event-guards';
export type {
  SubscribedEvent,
  OffersEvent,
  RescindEvent,
  UpdateEvent,
  MessageEvent,
  FailureEvent,
  ErrorEvent,
  HeartbeatEvent,
  InverseOffersEvent,
  RescindInverseOfferEvent,
  UpdateOperationStatusEvent,
  WaitStatus,
} from './event-guards';
export {
  isExecutorSubscribed,
  isLaunch,
  isLaunchGroup,
  isKill,
  isAcknowledged,
  isExecutorMessage,
  isExecutorError,
  isShutdown,
  isExecutorHeartbeat,
  isKnownExecutorEvent,
} from './executor-event-guards';
export type {
  ExecutorSubscribedEvent,
  LaunchEvent,
  LaunchGroupEvent,
  KillEvent,
  AcknowledgedEvent,
  ExecutorMessageEvent,
  ExecutorErrorEvent,
  ShutdownEvent,
  ExecutorHeartbeatEvent,
} from './executor-event-guards';

// Environment and discovery helpers
export { parseDurationMs } from './duration';
export { parseMasterInfoJson, masterAddress, masterSchedulerUrl, unpackIpv4 } from './master-info';
export type { MasterAddress } from './master-info';

// Errors
export {
  RecordIOHeaderError,
  RecordIORecordTooLargeError,
  RecordIOTruncatedError,
  WireDecodeError,
  WireEncodeError,
  DurationParseError,
  MasterInfoError,
} from './wire-errors';

// Message types
export type * from './types';
