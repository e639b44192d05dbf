/**
 * Port range arithmetic. Ranges are inclusive, as in Mesos:
 * `{ begin: 31000, end: 31002 }` holds three ports.
 */

/** An inclusive range of ports. */
export interface PortRange {
  begin: number;
  end: number;
}

/** Sorts and merges ranges (adjacent ranges join); drops empty ones. */
export function normalizeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges.filter((r) => r.end >= r.begin).map((r) => ({ ...r })).sort((a, b) => a.begin - b.begin);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.begin <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push(range);
  }
  return merged;
}

/** How many ports the ranges hold. */
export function countPorts(ranges: readonly PortRange[]): number {
  return normalizeRanges(ranges).reduce((sum, r) => sum + r.end - r.begin + 1, 0);
}

/** True when `port` lies in one of the ranges. */
export function containsPort(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((r) => port >= r.begin && port <= r.end);
}

/** The lowest `count` ports of the ranges, ascending; fewer when the ranges hold fewer. */
export function lowestPorts(ranges: readonly PortRange[], count: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const ports: number[] = [];
  for (const range of normalizeRanges(ranges)) {
    for (let port = range.begin; port <= range.end && ports.length < count; port++) {
      if (!exclude.has(port)) ports.push(port);
    }
    if (ports.length >= count) break;
  }
  return ports;
}

/** The ranges without the given ports. */
export function removePorts(ranges: readonly PortRange[], ports: Iterable<number>): PortRange[] {
  const taken = [...new Set(ports)].sort((a, b) => a - b);
  const result: PortRange[] = [];
  for (const range of normalizeRanges(ranges)) {
    let begin = range.begin;
    for (const port of taken) {
      if (port < begin || port > range.end) continue;
      if (port > begin) result.push({ begin, end: port - 1 });
      begin = port + 1;
    }
    if (begin <= range.end) result.push({ begin, end: range.end });
  }
  return result;
}

/** Compresses a list of ports into the fewest inclusive ranges. */
export function portsToRanges(ports: Iterable<number>): PortRange[] {
  return normalizeRanges([...ports].map((port) => ({ begin: port, end: port })));
}

/** Only the ports that lie in the ranges, in the given order. */
export function portsWithin(ranges: readonly PortRange[], ports: readonly number[]): number[] {
  return ports.filter((port) => containsPort(ranges, port));
}
