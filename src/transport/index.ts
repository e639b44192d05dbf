/**
 * The HTTP transport to Mesos masters: the scheduler client (SUBSCRIBE
 * stream, calls, redirects, heartbeats), the error table, and leader
 * detection (static list or ZooKeeper). undici enters the codebase here.
 */
export { SchedulerClient } from './scheduler-client';
export type { SchedulerClientOptions, SubscriptionInfo } from './scheduler-client-options';
export { classifyErrorEvent } from './disconnect-reason';
export type { DisconnectReason, ErrorEventKind } from './disconnect-reason';

export { TransportError } from './transport-error';
export type { Disposition } from './transport-error';
export { MesosHttpError, MESOS_HTTP_ERROR_CODES } from './mesos-http-error';
export type { MesosHttpErrorInit } from './mesos-http-error';
export {
  MasterUnreachableError,
  CallTimeoutError,
  TooManyRedirectsError,
  BadRedirectError,
  NotSubscribedError,
  MissingFrameworkIdError,
  FrameworkIdMismatchError,
  ClientClosedError,
  SubscribeSupersededError,
  SubscribeTimeoutError,
  SubscribeRejectedError,
  SubscribeStreamError,
  UnsupportedEventEncodingError,
  NoMasterKnownError,
  WrongCallTypeError,
} from './client-errors';

export { basicAuth, authInterceptor } from './interceptors/auth-interceptor';
export type { AuthHeaderProvider } from './interceptors/auth-interceptor';
export { streamIdInterceptor, STREAM_ID_HEADER } from './interceptors/stream-id-interceptor';
export { frameworkIdInterceptor } from './interceptors/framework-id-interceptor';
export type { CallInterceptor, OutgoingCall } from './interceptors/call-interceptor';

export { resolveRedirect, DEFAULT_MAX_REDIRECTS } from './redirect';
export { schedulerEndpoint, SCHEDULER_API_PATH } from './master-endpoints';
export { DEFAULT_CALL_TIMEOUT_MS } from './call-sender';
export { HeartbeatWatchdog, heartbeatTimeoutMs, DEFAULT_MISSED_HEARTBEATS } from './heartbeat-watchdog';

export type { MasterDetector } from './master-detector-base';
export { createMasterDetector } from './master-detector';
export type { MasterDetectorOptions } from './master-detector';
export { StaticMasterDetector } from './static-master-detector';
export type { StaticMasterDetectorOptions } from './static-master-detector';
export { ZooKeeperMasterDetector } from './zookeeper-master-detector';
export type { ZooKeeperMasterDetectorOptions, DetectorZkSession } from './zookeeper-master-detector';
export { parseZkUrl, isZkUrl, InvalidZkUrlError } from './zk-url';
export type { ZkUrl } from './zk-url';
export { pickLeader, parseContender, MASTER_INFO_LABEL } from './zk-leader';
export type { Contender } from './zk-leader';
export { masterUrlFromZnode } from './master-info-url';
