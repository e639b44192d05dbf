/**
 * Identifiers the master hands out, shaped like a Mesos master's: a random
 * master id, then `<master-id>-<NNNN>` frameworks, `<master-id>-S<n>` agents
 * and `<master-id>-O<n>` offers. Randomness comes from the injected
 * {@link Random}, so a seeded run hands out the same ids every time.
 */
import type { Random } from '../../util/random';

/** 16 random bytes shaped as an RFC 4122 version-4 UUID. */
export function randomUuidBytes(random: Random): Uint8Array {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random.next() * 256) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes;
}

/** The canonical 36-character text form of 16 UUID bytes. */
export function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random version-4 UUID in text form. */
export function randomUuid(random: Random): string {
  return uuidText(randomUuidBytes(random));
}

/**
 * True when `bytes` is a UUID a Mesos master accepts in ACKNOWLEDGE: exactly
 * 16 bytes with a known RFC 4122 version nibble (1–5).
 */
export function isValidUuidBytes(bytes: Uint8Array | null | undefined): boolean {
  if (!bytes || bytes.length !== 16) return false;
  const version = bytes[6]! >> 4;
  return version >= 1 && version <= 5;
}

/** Sequential ids under one master id. */
export class IdMinter {
  private frameworks = 0;
  private agents = 0;
  private offers = 0;

  constructor(readonly masterId: string) {}

  framework(): string {
    return `${this.masterId}-${String(this.frameworks++).padStart(4, '0')}`;
  }

  agent(): string {
    return `${this.masterId}-S${this.agents++}`;
  }

  offer(): string {
    return `${this.masterId}-O${this.offers++}`;
  }
}
