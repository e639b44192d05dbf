export { ReconciliationPlanner } from './reconciliation-planner';
export type { ReconcileTask, ReconcileRequest, ReconciliationPlannerOptions } from './reconciliation-planner';
