/**
 * The reflected schema of every message in proto/, and a per-type plan of
 * its fields in declaration order. The JSON codec and the plain-message
 * conversions walk these plans; binary encoding uses the generated code.
 */
import * as protobuf from 'protobufjs';
import descriptor from '../../proto/gen/mesos-descriptor';

/** What kind of value a field (or a map's value) holds. */
export type ValueKind =
  | { readonly kind: 'message'; readonly type: protobuf.Type }
  | { readonly kind: 'enum'; readonly enum: protobuf.Enum }
  | { readonly kind: 'int64'; readonly unsigned: boolean }
  | { readonly kind: 'int32'; readonly unsigned: boolean }
  | { readonly kind: 'double' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'string' }
  | { readonly kind: 'bytes' };

/** One field of a message type, as the codecs need it. */
export interface FieldPlan {
  readonly name: string;
  readonly id: number;
  readonly required: boolean;
  readonly repeated: boolean;
  /** True for `map<string, V>`; then `value` describes V. */
  readonly map: boolean;
  readonly value: ValueKind;
}

const root = protobuf.Root.fromJSON(descriptor).resolveAll();
const plans = new WeakMap<protobuf.Type, readonly FieldPlan[]>();

/** Looks up a message type by its full name, e.g. `mesos.v1.scheduler.Call`. */
export function messageType(fullName: string): protobuf.Type {
  return root.lookupType(fullName);
}

/** Looks up an enum by its full name, e.g. `mesos.v1.TaskState`. */
export function enumType(fullName: string): protobuf.Enum {
  return root.lookupEnum(fullName);
}

/** The fields of `type` in declaration order. */
export function fieldPlans(type: protobuf.Type): readonly FieldPlan[] {
  let plan = plans.get(type);
  if (plan === undefined) {
    plan = type.fieldsArray.map((field) => ({
      name: field.name,
      id: field.id,
      required: field.required,
      repeated: field.repeated,
      map: field.map,
      value: valueKind(field),
    }));
    plans.set(type, plan);
  }
  return plan;
}

/** The name of a message type without the leading dot, e.g. `mesos.v1.TaskStatus`. */
export function typeName(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

function valueKind(field: protobuf.Field): ValueKind {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return { kind: 'message', type: resolved };
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', enum: resolved };
  switch (field.type) {
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return { kind: 'int64', unsigned: false };
    case 'uint64':
    case 'fixed64':
      return { kind: 'int64', unsigned: true };
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return { kind: 'int32', unsigned: false };
    case 'uint32':
    case 'fixed32':
      return { kind: 'int32', unsigned: true };
    case 'double':
    case 'float':
      return { kind: 'double' };
    case 'bool':
      return { kind: 'bool' };
    case 'string':
      return { kind: 'string' };
    case 'bytes':
      return { kind: 'bytes' };
    default:
      throw new Error(`${field.fullName}: unsupported field type ${field.type}`);
  }
}
