/**
 * RecordIO framing: `<decimal byte length>\n<record bytes>`, as used by the
 * SUBSCRIBE response streams of the v1 scheduler and executor APIs.
 */

const LF = 0x0a;

/**
 * Frames one record: the ASCII decimal length of `bytes`, a line feed, then
 * `bytes` unchanged. The result is a new array.
 */
export function encodeRecord(bytes: Uint8Array): Uint8Array {
  const header = String(bytes.length);
  const out = new Uint8Array(header.length + 1 + bytes.length);
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
  out[header.length] = LF;
  out.set(bytes, header.length + 1);
  return out;
}
