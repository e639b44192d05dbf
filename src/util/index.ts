export { CatapultError, isCatapultError } from './catapult-error';
export type { CatapultErrorOptions } from './catapult-error';
export { systemClock, ManualClock } from './clock';
export type { Clock, TimerHandle } from './clock';
export { silentLogger } from './logger';
export type { Logger, LogFn } from './logger';
export { systemRandom, seededRandom } from './random';
export type { Random } from './random';
