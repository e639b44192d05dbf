/**
 * The executor's only HTTP seam: SUBSCRIBE on a dedicated connection whose
 * body never times out, every other call on a second connection
 * (mesos-http-api.md §1.5). Everything else in `src/executor` talks to the
 * {@link AgentConnection} interface, so tests and the mock environment can
 * replace it.
 */
import { Client } from 'undici';
import { AgentConnectionError } from './agent-http-error';

/** One call to send: its type (for errors and logs), its encoded body and media types. */
export interface AgentRequest {
  callType: string;
  body: Uint8Array;
  /** Exactly `application/json` or `application/x-protobuf`. */
  contentType: string;
  /** The encoding wanted for SUBSCRIBE's events. */
  accept?: string;
}

/** An answered call. `body` is the agent's plain-text reason on errors, empty on 202. */
export interface AgentResponse {
  status: number;
  body: string;
}

/** The answer to SUBSCRIBE: on 200 a never-ending body of RecordIO bytes. */
export interface AgentStream {
  status: number;
  /** The media type of each record. */
  contentType: string;
  /** The raw chunks. Ends (or throws) when the connection ends. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as text (for non-200 answers). */
  text(): Promise<string>;
  /** Drops the connection. Idempotent. */
  close(): void;
}

/** How the executor reaches its agent. */
export interface AgentConnection {
  readonly url: string;
  /** Opens a new connection and sends SUBSCRIBE on it. Rejects with {@link AgentConnectionError} when no answer arrives. */
  subscribe(request: AgentRequest): Promise<AgentStream>;
  /** Sends any other call on the shared call connection. */
  call(request: AgentRequest): Promise<AgentResponse>;
  /** Closes every connection. */
  close(): Promise<void>;
}

/**
 * The subscription connection: one request at a time, headers within 30 s,
 * and no body timeout, because the agent's heartbeats are 30 minutes apart
 * and undici's default 300 s body timeout would cut a healthy stream.
 */
export const SUBSCRIPTION_CLIENT_OPTIONS: Readonly<Client.Options> = Object.freeze({ pipelining: 1, bodyTimeout: 0, headersTimeout: 30_000 });

/** The call connection: ordinary request/response with a 75 s budget; one at a time keeps UPDATEs in order. */
export const CALL_CLIENT_OPTIONS: Readonly<Client.Options> = Object.freeze({ pipelining: 1, bodyTimeout: 75_000, headersTimeout: 75_000 });

/** Options of {@link createAgentConnection}. */
export interface AgentConnectionOptions {
  /** `MESOS_DOMAIN_SOCKET`: reach the agent over this Unix socket instead of TCP. */
  socketPath?: string;
  /** Sent as `Authorization: Bearer <token>` on every request. */
  authenticationToken?: string;
  /** Builds undici clients; tests pass one to observe the options. */
  createClient?: (origin: string, options: Client.Options) => Client;
}

/** Connects to the agent's executor API at `url` with undici. */
export function createAgentConnection(url: string, options: AgentConnectionOptions = {}): AgentConnection {
  const parsed = new URL(url);
  const origin = `${parsed.protocol}//${parsed.host}`;
  const path = `${parsed.pathname}${parsed.search}`;
  const create = options.createClient ?? ((o: string, opts: Client.Options) => new Client(o, opts));
  const withSocket = (base: Readonly<Client.Options>): Client.Options => (options.socketPath === undefined ? { ...base } : { ...base, socketPath: options.socketPath });
  let callClient: Client | undefined;
  const streams = new Set<Client>();

  const headersFor = (request: AgentRequest): Record<string, string> => {
    const headers: Record<string, string> = { 'content-type': request.contentType };
    if (request.accept !== undefined) headers.accept = request.accept;
    if (options.authenticationToken !== undefined) headers.authorization = `Bearer ${options.authenticationToken}`;
    return headers;
  };

  return {
    url,
    async subscribe(request) {
      const client = create(origin, withSocket(SUBSCRIPTION_CLIENT_OPTIONS));
      streams.add(client);
      const close = (): void => {
        if (!streams.delete(client)) return;
        client.destroy().catch(() => undefined);
      };
      try {
        const response = await client.request({ path, method: 'POST', headers: headersFor(request), body: request.body });
        const contentType = String(response.headers['content-type'] ?? '');
        return { status: response.statusCode, contentType, body: response.body, text: () => response.body.text(), close };
      } catch (cause) {
        close();
        throw new AgentConnectionError(request.callType, url, cause);
      }
    },
    async call(request) {
      callClient ??= create(origin, withSocket(CALL_CLIENT_OPTIONS));
      try {
        const response = await callClient.request({ path, method: 'POST', headers: headersFor(request), body: request.body });
        return { status: response.statusCode, body: await response.body.text() };
      } catch (cause) {
        throw new AgentConnectionError(request.callType, url, cause);
      }
    },
    async close() {
      const clients = [...streams, ...(callClient ? [callClient] : [])];
      streams.clear();
      callClient = undefined;
      await Promise.all(clients.map((c) => c.destroy().catch(() => undefined)));
    },
  };
}
