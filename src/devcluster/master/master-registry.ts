/**
 * What the masters of one cluster share, standing in for Mesos' replicated
 * registry: the agents that were admitted and which of them are unreachable.
 *
 * A newly elected leader reads it to know which agents to wait for (they are
 * "recovering" until they re-register, and reconciliation stays silent for
 * them, §5.2 case 2). Frameworks are not in it: like Mesos, a new leader
 * learns frameworks only when they re-subscribe.
 */
import type { mesos } from '../../../proto/gen/mesos';

export interface RegistryAgent {
  info: mesos.v1.IAgentInfo;
  /** Set while the agent is unreachable: when it became so (ms since the epoch). */
  unreachableSinceMs?: number;
}

/** The shared registry. Plain data; masters write it as agents come and go. */
export class MasterRegistry {
  private readonly agents = new Map<string, RegistryAgent>();

  /** Records an admitted (or re-admitted) agent. */
  admit(info: mesos.v1.IAgentInfo): void {
    const id = info.id?.value;
    if (id) this.agents.set(id, { info });
  }

  markUnreachable(agentId: string, sinceMs: number): void {
    const agent = this.agents.get(agentId);
    if (agent) agent.unreachableSinceMs = sinceMs;
  }

  remove(agentId: string): void {
    this.agents.delete(agentId);
  }

  /** Every agent known, with its state. */
  list(): RegistryAgent[] {
    return [...this.agents.values()].map((a) => ({ ...a }));
  }
}
