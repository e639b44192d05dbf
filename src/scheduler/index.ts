/**
 * The scheduler: the runtime, and the pure parts it is built from
 * (placement, task building, reconciliation planning).
 */
export * from './runtime';
export * from './placement';
export * from './tasks';
export * from './reconciliation';
