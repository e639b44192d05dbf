/**
 * Standard base64 (RFC 4648 alphabet, `=` padding), as Mesos writes `bytes`
 * fields in JSON.
 */

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes bytes as padded standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes padded standard base64; `undefined` when `text` is not exactly that. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!STRICT_BASE64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
