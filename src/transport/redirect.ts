/**
 * Resolving a master's 307 `Location`.
 *
 * Masters answer with a protocol-relative `Location`
 * (`//host:port/master/api/v1/scheduler`, §1.8); pre-0.23 masters sent an
 * absolute `http://…`. Either way only the host and port are taken: the scheme
 * stays ours (a TLS cluster keeps `https`) and so does the path, as mesos-go
 * does, because `//host:port` from `/redirect` carries no path at all.
 */
import { BadRedirectError } from './client-errors';

/** The default cap on redirect hops per request (mesos-go uses 9 attempts). */
export const DEFAULT_MAX_REDIRECTS = 9;

/**
 * The URL to retry at after a 307 from `currentUrl` with `location`.
 *
 * @throws {BadRedirectError} when `location` is absent or not a URL.
 */
export function resolveRedirect(currentUrl: string, location: string | undefined): string {
  if (location === undefined || location.trim() === '') throw new BadRedirectError(currentUrl, location);
  let target: URL;
  try {
    target = new URL(location.trim(), currentUrl);
  } catch (cause) {
    throw new BadRedirectError(currentUrl, location, cause);
  }
  if (target.host === '') throw new BadRedirectError(currentUrl, location);
  const next = new URL(currentUrl);
  next.host = target.host;
  return next.toString();
}

/** The `scheme://host:port` part of a URL, the key undici dispatchers are made for. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The path and query of a URL, what goes on the request line. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
