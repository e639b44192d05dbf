/**
 * The dashboard's failure modes, one class and stable code each.
 */
import { CatapultError } from '../util/catapult-error';

/** An app id the in-memory source does not have. */
export class DashboardUnknownAppError extends CatapultError {
  constructor(readonly appId: string) {
    super('CATAPULT_DASHBOARD_UNKNOWN_APP', `No app "${appId}" in this dashboard source: add it with addApp() first.`, { details: { appId } });
  }
}

/** A node id the in-memory source does not have. */
export class DashboardUnknownNodeError extends CatapultError {
  constructor(readonly appId: string, readonly nodeId: string) {
    super('CATAPULT_DASHBOARD_UNKNOWN_NODE', `No node "${nodeId}" in app "${appId}": add it with addNode() first.`, { details: { appId, nodeId } });
  }
}

/** The page files (visualizations/dashboard) are not where the dashboard looks for them. */
export class DashboardAssetsMissingError extends CatapultError {
  constructor(readonly dirs: readonly string[], cause?: unknown) {
    super(
      'CATAPULT_DASHBOARD_ASSETS_MISSING',
      `The dashboard page files were not found in ${dirs.join(' or ')}. Install catapult with its visualizations/ folder, or pass assetsDir to startDashboard().`,
      { cause, details: { dirs } },
    );
  }
}

/** The dashboard's options are unusable. */
export class DashboardOptionsError extends CatapultError {
  constructor(option: string, problem: string) {
    super('CATAPULT_DASHBOARD_BAD_OPTION', `Dashboard option ${option} ${problem}.`, { details: { option } });
  }
}

/** The dashboard could not listen on its host and port. */
export class DashboardListenError extends CatapultError {
  constructor(readonly host: string, readonly port: number, cause: unknown) {
    super(
      'CATAPULT_DASHBOARD_LISTEN_FAILED',
      `The dashboard could not listen on ${host}:${port} (${(cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message}). Pick a free port, or port 0 for any.`,
      { cause, details: { host, port } },
    );
  }
}
