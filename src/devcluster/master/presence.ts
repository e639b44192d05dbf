/**
 * proto2 presence on decoded messages: a decoded protobufjs message shows
 * field defaults through its prototype (`role` reads `"*"` when absent), so
 * presence is an own property that is not null.
 */
export function has<T extends object>(message: T | null | undefined, field: keyof T & string): boolean {
  return message !== null && message !== undefined && Object.prototype.hasOwnProperty.call(message, field) && (message as Record<string, unknown>)[field] !== null && (message as Record<string, unknown>)[field] !== undefined;
}
