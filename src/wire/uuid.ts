/**
 * The 16-byte UUIDs of status updates (`TaskStatus.uuid`). Mesos wants the raw
 * bytes of an RFC 4122 UUID with a valid version nibble; the 36-character
 * text form is refused.
 */

/** A source of uniform floats in [0, 1), e.g. `seededRandom(seed)` from src/util. */
export interface RandomSource {
  next(): number;
}

/**
 * Returns 16 fresh bytes of a version 4 (random) UUID. Without `random` the
 * platform's cryptographic generator is used; pass a seeded source to make
 * runs reproducible.
 */
export function newUuidBytes(random?: RandomSource): Uint8Array {
  const bytes = new Uint8Array(16);
  if (random === undefined) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random.next() * 256) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes;
}

/** True when `bytes` is 16 bytes long with an RFC 4122 version (1–5), as Mesos checks. */
export function isValidUuidBytes(bytes: Uint8Array | null | undefined): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 16) return false;
  const version = bytes[6]! >> 4;
  return version >= 1 && version <= 5;
}

/** The canonical text form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`) of any 16 bytes, for logs and keys. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  if (bytes.length !== 16) return hex;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
