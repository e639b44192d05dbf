/**
 * Names for the plain messages the SDK passes around. They are the generated
 * interfaces of proto/gen; see plain-message.ts for how values look.
 */
import type { catapult, mesos } from '../../proto/gen/mesos';

export type SchedulerCall = mesos.v1.scheduler.ICall;
export type SchedulerEvent = mesos.v1.scheduler.IEvent;
export type ExecutorCall = mesos.v1.executor.ICall;
export type ExecutorEvent = mesos.v1.executor.IEvent;

export type FrameworkID = mesos.v1.IFrameworkID;
export type AgentID = mesos.v1.IAgentID;
export type OfferID = mesos.v1.IOfferID;
export type TaskID = mesos.v1.ITaskID;
export type ExecutorID = mesos.v1.IExecutorID;
export type OperationID = mesos.v1.IOperationID;
export type FrameworkInfo = mesos.v1.IFrameworkInfo;
export type MasterInfo = mesos.v1.IMasterInfo;
export type AgentInfo = mesos.v1.IAgentInfo;
export type Offer = mesos.v1.IOffer;
export type OfferOperation = mesos.v1.Offer.IOperation;
export type Resource = mesos.v1.IResource;
export type Filters = mesos.v1.IFilters;
export type TaskInfo = mesos.v1.ITaskInfo;
export type TaskGroupInfo = mesos.v1.ITaskGroupInfo;
export type ExecutorInfo = mesos.v1.IExecutorInfo;
export type CommandInfo = mesos.v1.ICommandInfo;
export type ContainerInfo = mesos.v1.IContainerInfo;
export type KillPolicy = mesos.v1.IKillPolicy;
export type TaskStatus = mesos.v1.ITaskStatus;
export type OperationStatus = mesos.v1.IOperationStatus;
export type OfferConstraints = mesos.v1.scheduler.IOfferConstraints;
export type ReconcileTask = mesos.v1.scheduler.Call.Reconcile.ITask;
export type ReconcileOperation = mesos.v1.scheduler.Call.ReconcileOperations.IOperation;
export type ExecutorCallUpdate = mesos.v1.executor.Call.IUpdate;
export type FrameworkMessage = catapult.IFrameworkMessage;

export type TaskState = mesos.v1.TaskState;
export type TaskStatusReason = mesos.v1.TaskStatus.Reason;
export type TaskStatusSource = mesos.v1.TaskStatus.Source;
export type SchedulerCallType = mesos.v1.scheduler.Call.Type;
export type SchedulerEventType = mesos.v1.scheduler.Event.Type;
export type ExecutorCallType = mesos.v1.executor.Call.Type;
export type ExecutorEventType = mesos.v1.executor.Event.Type;
