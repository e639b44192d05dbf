/**
 * The failure modes of the callback API, one class and stable code each.
 */
import { CatapultError } from '../util/catapult-error';

/** A required SchedulerConfig field is absent. */
export class ConfigMissingFieldError extends CatapultError {
  constructor(readonly field: string, expected: string) {
    super('CATAPULT_CONFIG_MISSING_FIELD', `SchedulerConfig.${field} is missing; set it to ${expected}.`, { details: { field, expected } });
  }
}

/** A SchedulerConfig field has a value of the wrong form. */
export class ConfigInvalidFieldError extends CatapultError {
  constructor(readonly field: string, value: unknown, expected: string) {
    super('CATAPULT_CONFIG_INVALID_FIELD', `SchedulerConfig.${field} is ${JSON.stringify(value)}; expected ${expected}.`, {
      details: { field, value, expected },
    });
  }
}

/** An app name cannot become an app id (it names the app's znode and prefixes every task id). */
export class InvalidAppNameError extends CatapultError {
  constructor(name: unknown) {
    super(
      'CATAPULT_INVALID_APP_NAME',
      `App name ${JSON.stringify(name)} is not usable: use 1-64 characters of letters, digits, '_' and '-', starting with a letter or digit (e.g. "web").`,
      { details: { name } },
    );
  }
}

/** `reregister` named an app id that is not stored. */
export class AppNotFoundError extends CatapultError {
  constructor(readonly appId: string) {
    super('CATAPULT_APP_NOT_FOUND', `No app ${JSON.stringify(appId)} is stored; call getApps() for the stored ids, or register() a new app.`, {
      details: { appId },
    });
  }
}

/** A driver call named a node that was never launched through this framework (or was removed). */
export class NodeNotAttachedError extends CatapultError {
  constructor(readonly operation: string, nodeId: string | undefined) {
    super(
      'CATAPULT_NODE_NOT_ATTACHED',
      `${operation} was given a node that is not attached to a running app${nodeId ? ` (${nodeId})` : ''}; launch it with driver.launchNode(node) first.`,
      { details: { operation, nodeId } },
    );
  }
}

/** A driver was used by an app that is not attached to this framework. */
export class AppNotAttachedError extends CatapultError {
  constructor(readonly operation: string) {
    super('CATAPULT_APP_NOT_ATTACHED', `${operation} was called on an app that is not registered; call framework.register(app) first.`, {
      details: { operation },
    });
  }
}

/** The framework is not leading (standby, suspended or stopped), so it cannot change state now. */
export class NotLeadingError extends CatapultError {
  constructor(readonly operation: string) {
    super(
      'CATAPULT_NOT_LEADING',
      `${operation} needs the leading scheduler, and this instance is not leading now; call it from connected() or after it.`,
      { details: { operation } },
    );
  }
}

/** A persisted app or node names a class that no registered type provides. */
export class UnknownTypeError extends CatapultError {
  constructor(readonly kind: 'app' | 'node', readonly typeName: string) {
    super(
      'CATAPULT_UNKNOWN_TYPE',
      `A restored ${kind} was stored as ${JSON.stringify(typeName)}, which no registered class provides; pass the class in options.types or give it a static typeName.`,
      { details: { kind, typeName } },
    );
  }
}

/** `run()` was called twice on one MesosAppFramework. */
export class AlreadyRunningError extends CatapultError {
  constructor() {
    super('CATAPULT_ALREADY_RUNNING', 'This MesosAppFramework is already running; create a new instance to run again.');
  }
}
