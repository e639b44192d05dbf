/**
 * The allocator: turns each agent's unused resources into offers, one per
 * agent and role per round, honouring decline filters, suppressed roles and
 * the GPU rule; and the calls that steer it (DECLINE, REVIVE, SUPPRESS).
 *
 * Frameworks are visited in a seeded random order each round, so a seeded
 * run is replayable yet no framework is always first.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { AgentRecord, FrameworkRecord, OfferRecord } from './master-state';
import type { Resources } from './resource-math';

const DEFAULT_REFUSE_SECONDS = 5;
const MAX_REFUSE_SECONDS = 31_536_000;

function shuffled<T>(ctx: MasterContext, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function hasCapability(framework: FrameworkRecord, type: mesos.v1.FrameworkInfo.Capability.Type): boolean {
  return framework.capabilities.has(type);
}

/** The refusal a `Filters` asks for, in ms: unset or negative ⇒ 5 s, capped at 365 days. */
export function refuseMs(filters: mesos.v1.IFilters | null | undefined): number {
  const raw = filters?.refuse_seconds;
  const seconds = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? Math.min(raw, MAX_REFUSE_SECONDS) : DEFAULT_REFUSE_SECONDS;
  return seconds * 1000;
}

/** Filters the unused part of an offer for `refuse` ms, as ACCEPT and DECLINE do. */
export function addFilter(ctx: MasterContext, offer: OfferRecord, unused: Resources, refuse: number): void {
  if (refuse <= 0 || unused.isEmpty()) return;
  ctx.state.filters.push({ frameworkId: offer.frameworkId, agentId: offer.agentId, role: offer.role, resources: unused, expiresAtMs: ctx.clock.now() + refuse });
}

/** Withdraws an offer; with `rescind` the framework is told (RESCIND), otherwise it is discarded silently. */
export function removeOffer(ctx: MasterContext, offer: OfferRecord, rescind: boolean): void {
  if (!ctx.state.offers.delete(offer.id)) return;
  offer.timeout?.cancel();
  if (rescind) ctx.send(offer.frameworkId, { type: mesos.v1.scheduler.Event.Type.RESCIND, rescind: { offer_id: { value: offer.id } } });
  ctx.allocateSoon();
}

function isFiltered(ctx: MasterContext, framework: FrameworkRecord, agentId: string, role: string, available: Resources): boolean {
  return ctx.state.filters.some((f) => f.frameworkId === framework.id && f.agentId === agentId && f.role === role && f.resources.contains(available));
}

function buildOffer(ctx: MasterContext, framework: FrameworkRecord, agent: AgentRecord, offer: OfferRecord): mesos.v1.IOffer {
  const multiRole = hasCapability(framework, mesos.v1.FrameworkInfo.Capability.Type.MULTI_ROLE);
  const executorIds = [...ctx.state.executors.values()]
    .filter((e) => e.frameworkId === framework.id && e.agentId === agent.id)
    .map((e) => ({ value: e.executorId }));
  const port = agent.info.port ?? 5051;
  const proto: mesos.v1.IOffer = {
    id: { value: offer.id },
    framework_id: { value: framework.id },
    agent_id: { value: agent.id },
    hostname: agent.info.hostname,
    url: { scheme: 'http', address: { hostname: agent.info.hostname, ip: '127.0.0.1', port }, path: '/slave(1)' },
    resources: offer.resources.toProto(multiRole ? offer.role : undefined),
  };
  if (executorIds.length > 0) proto.executor_ids = executorIds;
  if (agent.info.attributes?.length) proto.attributes = agent.info.attributes;
  if (multiRole) proto.allocation_info = { role: offer.role };
  if (agent.info.domain) proto.domain = agent.info.domain;
  return proto;
}

function offerTo(ctx: MasterContext, framework: FrameworkRecord, agent: AgentRecord): OfferRecord | undefined {
  const roles = framework.roles.filter((r) => !framework.suppressedRoles.has(r));
  for (let i = 0; i < roles.length; i++) {
    const role = roles[(framework.nextRoleIndex + i) % roles.length]!;
    const available = ctx.state.available(agent.id).allocatableTo(role);
    if (available.isEmpty() || isFiltered(ctx, framework, agent.id, role, available)) continue;
    framework.nextRoleIndex = (framework.nextRoleIndex + i + 1) % roles.length;
    const offer: OfferRecord = { id: ctx.ids.offer(), frameworkId: framework.id, agentId: agent.id, role, resources: available, timeout: undefined };
    ctx.state.offers.set(offer.id, offer);
    const timeoutMs = ctx.options.offerTimeoutMs;
    if (timeoutMs !== undefined) offer.timeout = ctx.clock.setTimeout(() => removeOffer(ctx, offer, true), timeoutMs);
    return offer;
  }
  return undefined;
}

/** One allocation round: offers every connected framework what is free, then sends one OFFERS event per framework. */
export function allocate(ctx: MasterContext): void {
  const now = ctx.clock.now();
  ctx.state.filters = ctx.state.filters.filter((f) => f.expiresAtMs > now);
  const frameworks = shuffled(ctx, [...ctx.state.frameworks.values()].filter((f) => f.stream?.isOpen));
  const agents = shuffled(ctx, [...ctx.state.agents.values()].filter((a) => a.state === 'registered' && a.port));
  const batches = new Map<string, mesos.v1.IOffer[]>();
  for (const agent of agents) {
    const hasGpus = agent.total.scalarMilli('gpus') > 0;
    for (const framework of frameworks) {
      if (hasGpus && !hasCapability(framework, mesos.v1.FrameworkInfo.Capability.Type.GPU_RESOURCES)) continue;
      const offer = offerTo(ctx, framework, agent);
      if (!offer) continue;
      const batch = batches.get(framework.id) ?? [];
      batch.push(buildOffer(ctx, framework, agent, offer));
      batches.set(framework.id, batch);
    }
  }
  for (const [frameworkId, offers] of batches) {
    ctx.logger.debug({ frameworkId, offers: offers.length }, 'sending offers');
    ctx.send(frameworkId, { type: mesos.v1.scheduler.Event.Type.OFFERS, offers: { offers } });
  }
}

/** DECLINE: the offers go back, their resources filtered for `refuse_seconds`. Unknown offers are ignored, as Mesos does. */
export function decline(ctx: MasterContext, framework: FrameworkRecord, decline: mesos.v1.scheduler.Call.IDecline): void {
  const refuse = refuseMs(decline.filters);
  for (const { value } of decline.offer_ids ?? []) {
    const offer = ctx.state.offers.get(value);
    if (!offer || offer.frameworkId !== framework.id) continue;
    removeOffer(ctx, offer, false);
    addFilter(ctx, offer, offer.resources, refuse);
  }
}

function rolesOrAll(framework: FrameworkRecord, roles: readonly string[] | null | undefined): string[] {
  return roles && roles.length > 0 ? roles.filter((r) => framework.roles.includes(r)) : framework.roles;
}

/** REVIVE: clears the decline filters of the roles (all when none are named) and un-suppresses them. */
export function revive(ctx: MasterContext, framework: FrameworkRecord, roles: readonly string[] | null | undefined): void {
  const target = new Set(rolesOrAll(framework, roles));
  ctx.state.filters = ctx.state.filters.filter((f) => f.frameworkId !== framework.id || !target.has(f.role));
  for (const role of target) framework.suppressedRoles.delete(role);
  ctx.allocateSoon();
}

/** SUPPRESS: no more offers for the roles (all when none are named) until REVIVE. Outstanding offers stay valid. */
export function suppress(ctx: MasterContext, framework: FrameworkRecord, roles: readonly string[] | null | undefined): void {
  for (const role of rolesOrAll(framework, roles)) framework.suppressedRoles.add(role);
}

/** Every outstanding offer of a framework, withdrawn (silently, as on re-subscription and disconnection). */
export function discardOffersOf(ctx: MasterContext, frameworkId: string): void {
  for (const offer of ctx.state.offersOf(frameworkId)) removeOffer(ctx, offer, false);
}

/** Every offer on an agent, rescinded (the agent went away). */
export function rescindOffersOn(ctx: MasterContext, agentId: string): void {
  for (const offer of [...ctx.state.offers.values()]) if (offer.agentId === agentId) removeOffer(ctx, offer, true);
}

