/**
 * Credentials on every request, SUBSCRIBE included (§1.10). The header comes
 * from a provider so custom authenticator modules (other schemes, rotating
 * tokens) plug in without touching the client.
 */
import type { CallInterceptor } from './call-interceptor';

/** Returns the `Authorization` header value for the next request, or `undefined` to send none. */
export type AuthHeaderProvider = () => string | undefined | Promise<string | undefined>;

/**
 * HTTP Basic credentials for `--authenticate_http_frameworks`. Set
 * `FrameworkInfo.principal` to the same principal, or SUBSCRIBE is rejected.
 *
 * @example
 * new SchedulerClient({ masters: ['http://m1:5050'], authorization: basicAuth('fw', 'secret') })
 */
export function basicAuth(principal: string, secret: string): AuthHeaderProvider {
  const value = `Basic ${Buffer.from(`${principal}:${secret}`, 'utf8').toString('base64')}`;
  return () => value;
}

/** Sets `authorization` from `provider` on every call. */
export function authInterceptor(provider: AuthHeaderProvider): CallInterceptor {
  return async (outgoing) => {
    const value = await provider();
    if (value !== undefined) outgoing.headers.authorization = value;
  };
}
