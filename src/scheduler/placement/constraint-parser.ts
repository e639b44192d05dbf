/**
 * Turns a catapult `SchedulerConstraint` message into a checked, ready to
 * evaluate {@link PlacementConstraint}, so a malformed constraint fails when
 * the node is described rather than silently never matching.
 */
import type { SchedulerConstraintInfo } from './mesos-types';
import { InvalidConstraintError } from './placement-errors';

/** The constraint types, numbered as `catapult.SchedulerConstraint.Type`. */
export const CONSTRAINT_TYPES = [
  'NONE',
  'RUN_ON_HOST_YES',
  'RUN_ON_HOST_NO',
  'RUN_ON_SLAVE_YES',
  'RUN_ON_SLAVE_NO',
  'ATTRIBUTE_LIKE',
  'ATTRIBUTE_NOT_LIKE',
  'UNIQUE',
  'CLUSTER',
  'GROUP_BY',
  'LIKE',
  'UNLIKE',
  'MAX_PER',
  'IS',
] as const;

/** A constraint type name other than NONE. */
export type ConstraintType = Exclude<(typeof CONSTRAINT_TYPES)[number], 'NONE'>;

/** A validated constraint. */
export interface PlacementConstraint {
  type: ConstraintType;
  /** `hostname` or an attribute name; empty for RUN_ON_*. */
  field: string;
  /** The constraint's value as given; empty when absent. */
  value: string;
  /** Full-match regex for ATTRIBUTE_LIKE / ATTRIBUTE_NOT_LIKE / LIKE / UNLIKE. */
  pattern?: RegExp;
  /** MAX_PER's maximum, GROUP_BY's minimum number of groups (0 when not given). */
  count?: number;
  /** How the constraint is named in placement reasons, e.g. `hostname:UNIQUE`. */
  label: string;
}

const NEEDS_FIELD: ReadonlySet<ConstraintType> = new Set(['ATTRIBUTE_LIKE', 'ATTRIBUTE_NOT_LIKE', 'UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS']);
const NEEDS_VALUE: ReadonlySet<ConstraintType> = new Set(['RUN_ON_HOST_YES', 'RUN_ON_HOST_NO', 'RUN_ON_SLAVE_YES', 'RUN_ON_SLAVE_NO', 'ATTRIBUTE_LIKE', 'ATTRIBUTE_NOT_LIKE', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS']);
const REGEX: ReadonlySet<ConstraintType> = new Set(['ATTRIBUTE_LIKE', 'ATTRIBUTE_NOT_LIKE', 'LIKE', 'UNLIKE']);

function typeName(type: unknown): ConstraintType {
  const name = typeof type === 'number' ? CONSTRAINT_TYPES[type] : type;
  if (typeof name !== 'string' || name === 'NONE' || !(CONSTRAINT_TYPES as readonly string[]).includes(name)) {
    throw new InvalidConstraintError(
      `constraint type ${String(type)} is not one of ${CONSTRAINT_TYPES.slice(1).join(', ')}; set SchedulerConstraint.type`,
      { type },
    );
  }
  return name as ConstraintType;
}

function label(type: ConstraintType, field: string, value: string): string {
  if (type.startsWith('RUN_ON_')) return `${type}:${value}`;
  if (type.startsWith('ATTRIBUTE_')) return `${type}:${field}:${value}`;
  return value === '' ? `${field}:${type}` : `${field}:${type}:${value}`;
}

function fullMatch(source: string, details: Record<string, unknown>): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (cause) {
    throw new InvalidConstraintError(`constraint value ${JSON.stringify(source)} is not a valid regular expression`, details, cause);
  }
}

function positiveInteger(value: string, what: string, details: Record<string, unknown>): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < 1) {
    throw new InvalidConstraintError(`${what} must be a whole number of at least 1, got ${JSON.stringify(value)}`, details);
  }
  return count;
}

/**
 * Validates a SchedulerConstraint.
 *
 * @throws {InvalidConstraintError} when the type is NONE or unknown, a
 *   needed field or value is missing, a regex does not compile, or a count
 *   is not a positive whole number.
 */
export function parseConstraint(info: SchedulerConstraintInfo): PlacementConstraint {
  const type = typeName(info.type);
  const field = info.field ?? '';
  const value = info.value ?? '';
  const details = { type, field, value };
  if (NEEDS_FIELD.has(type) && field === '') {
    throw new InvalidConstraintError(`${type} constraint needs a field (hostname or an attribute name)`, details);
  }
  if (NEEDS_VALUE.has(type) && value === '') {
    throw new InvalidConstraintError(`${type} constraint on ${JSON.stringify(field)} needs a value`, details);
  }
  const constraint: PlacementConstraint = { type, field, value, label: label(type, field, value) };
  if (REGEX.has(type)) constraint.pattern = fullMatch(value, details);
  if (type === 'MAX_PER') constraint.count = positiveInteger(value, 'MAX_PER value', details);
  if (type === 'GROUP_BY') constraint.count = value === '' ? 0 : positiveInteger(value, 'GROUP_BY value (number of groups)', details);
  return constraint;
}

/** Validates a list of constraints; see {@link parseConstraint}. */
export function parseConstraints(infos: readonly SchedulerConstraintInfo[] | null | undefined): PlacementConstraint[] {
  return (infos ?? []).map(parseConstraint);
}
