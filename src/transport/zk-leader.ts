/**
 * Picking the leading master among the children of the masters' znode, the
 * way Mesos' own detector does (§6.3): split each name on `_`, the last token
 * must be an integer sequence, the lowest sequence wins. Sequences come from
 * the parent's counter, so they compare across labels; string comparison
 * would not survive a name without zero padding.
 */

/** The label current masters write: `json.info_<10-digit sequence>` with JSON MasterInfo data. */
export const MASTER_INFO_LABEL = 'json.info';

/** A contender's znode, parsed. */
export interface Contender {
  /** The child's name, e.g. `json.info_0000000042`. */
  name: string;
  /** Everything before the last `_`, e.g. `json.info`. */
  label: string;
  sequence: number;
}

/** Parses a child name into a contender, or `undefined` for children that are not contenders (e.g. `log_replicas`). */
export function parseContender(name: string): Contender | undefined {
  const tokens = name.split('_');
  if (tokens.length < 2) return undefined;
  const last = tokens[tokens.length - 1] as string;
  if (!/^\d+$/.test(last)) return undefined;
  return { name, label: tokens.slice(0, -1).join('_'), sequence: Number(last) };
}

/**
 * The leading `json.info` contender among `children`, or `undefined` when there is none.
 *
 * Legacy labels (`info` with binary MasterInfo, unlabelled pid strings) are
 * not readable here and are skipped.
 */
export function pickLeader(children: readonly string[]): Contender | undefined {
  let leader: Contender | undefined;
  for (const child of children) {
    const contender = parseContender(child);
    if (!contender || contender.label !== MASTER_INFO_LABEL) continue;
    if (!leader || contender.sequence < leader.sequence) leader = contender;
  }
  return leader;
}
