/**
 * The optional bearer token. Data endpoints need it; the page shells, their
 * scripts and `/health` do not (they carry no data). Browsers send it as
 * `Authorization: Bearer <token>`, or as `?token=` where no header can be set
 * (EventSource).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A token check that does not leak the token's length or content through timing. */
export function tokenChecker(token: string | undefined): (req: IncomingMessage, url: URL) => boolean {
  if (token === undefined) return () => true;
  const expected = digest(token);
  return (req, url) => {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : url.searchParams.get('token');
    return given !== null && given !== undefined && timingSafeEqual(digest(given), expected);
  };
}
