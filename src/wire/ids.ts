/**
 * Mesos ids are messages (`{ value: "…" }`) on the wire. Call constructors
 * take either that or the bare string.
 */

/** An id given as its string or as the id message. */
export type IdLike = string | { value: string };

/** The id message for `id`. A message is copied, so the result never aliases the input. */
export function toId(id: IdLike): { value: string } {
  return { value: typeof id === 'string' ? id : id.value };
}

/** The string value of an id. */
export function idValue(id: IdLike): string {
  return typeof id === 'string' ? id : id.value;
}
