/**
 * Where the next SUBSCRIBE goes: a list of candidate masters tried in turn
 * (§6.4), overridden by the leader the client last learnt about (a 307, or a
 * detector's report).
 */

/** The scheduler endpoint path on a master. */
export const SCHEDULER_API_PATH = '/api/v1/scheduler';

/**
 * Turns `host:port`, `http://host:port` or a full endpoint URL into the full
 * scheduler endpoint URL (`http://host:port/api/v1/scheduler`).
 *
 * @throws {TypeError} when `master` is not a URL or `host:port`.
 */
export function schedulerEndpoint(master: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(master) ? master : `http://${master}`;
  const url = new URL(withScheme);
  if (url.pathname === '' || url.pathname === '/') url.pathname = SCHEDULER_API_PATH;
  return url.toString();
}

/** Candidate master URLs and the one currently believed to lead. */
export class MasterEndpoints {
  private candidates: string[];
  private index = 0;
  private leader: string | undefined;

  /** @param masters one or more masters, as accepted by {@link schedulerEndpoint}; may be empty when a detector supplies the leader. */
  constructor(masters: readonly string[]) {
    this.candidates = masters.map(schedulerEndpoint);
  }

  /** The URL to send the next SUBSCRIBE to, or `undefined` when nothing is known. */
  current(): string | undefined {
    return this.leader ?? this.candidates[this.index];
  }

  /** Remembers `url` as the leader (after a 307, or from a detector) until it fails. */
  useLeader(url: string): void {
    this.leader = schedulerEndpoint(url);
  }

  /** Replaces the candidates (a detector reported a new leader) and forgets any redirect-learnt leader. */
  setCandidates(masters: readonly string[]): void {
    this.candidates = masters.map(schedulerEndpoint);
    this.index = 0;
    this.leader = undefined;
  }

  /**
   * `url` failed in a way another master might not (unreachable, 503, 404):
   * forget it as leader and move to the next candidate.
   */
  failed(url: string): void {
    if (this.leader === url) {
      this.leader = undefined;
      return;
    }
    if (this.candidates[this.index] === url && this.candidates.length > 0) {
      this.index = (this.index + 1) % this.candidates.length;
    }
  }
}
