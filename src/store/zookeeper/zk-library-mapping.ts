/**
 * Conversions between node-zookeeper-client's shapes and ours. Type-only use
 * of the library: its runtime stays confined to zk-client.ts.
 */
import type * as zookeeper from 'node-zookeeper-client';
import type { ZnodeCreateMode, ZnodeEvent, ZnodeOp, ZnodeStat } from '../znode-backend';
import { asBuffer } from '../znode-backend';

/** ZooKeeper's create flags (protocol constants). */
export const CREATE_MODES: Readonly<Record<ZnodeCreateMode, number>> = {
  persistent: 0,
  ephemeral: 1,
  persistentSequential: 2,
  ephemeralSequential: 3,
};

/** ZooKeeper's op codes for multi members (protocol constants). */
const OP_CODES = { create: 1, remove: 2, setData: 5, check: 13 } as const;

const EVENT_TYPES: Readonly<Record<number, ZnodeEvent['type']>> = {
  1: 'created',
  2: 'deleted',
  3: 'dataChanged',
  4: 'childrenChanged',
};

function int64(buffer: Buffer | undefined): bigint {
  return buffer && buffer.length === 8 ? buffer.readBigInt64BE(0) : 0n;
}

/** Our stat from the library's (whose 64-bit fields are 8-byte Buffers). */
export function fromLibraryStat(stat: zookeeper.Stat): ZnodeStat {
  const owner = int64(stat.ephemeralOwner);
  return {
    version: stat.version,
    cversion: stat.cversion,
    aversion: stat.aversion,
    dataLength: stat.dataLength,
    numChildren: stat.numChildren,
    czxid: int64(stat.czxid),
    mzxid: int64(stat.mzxid),
    ctimeMs: Number(int64(stat.ctime)),
    mtimeMs: Number(int64(stat.mtime)),
    ephemeralOwner: owner === 0n ? undefined : stat.ephemeralOwner.toString('hex'),
  };
}

/** Our watch event from the library's. */
export function toZnodeEvent(event: zookeeper.Event): ZnodeEvent {
  return { type: EVENT_TYPES[event.type] ?? 'dataChanged', path: event.path };
}

/**
 * The library's internal op record for a multi member. Built here rather than
 * through its Transaction builder, which sends `version || -1` and so turns an
 * expected version 0 into "any version".
 */
export function toLibraryOp(op: ZnodeOp, libraryAcls: readonly unknown[]): Record<string, unknown> {
  switch (op.type) {
    case 'create':
      return { type: OP_CODES.create, path: op.path, data: asBuffer(op.data), acls: libraryAcls, mode: CREATE_MODES[op.mode ?? 'persistent'] };
    case 'setData':
      return { type: OP_CODES.setData, path: op.path, data: asBuffer(op.data), version: op.version ?? -1 };
    case 'check':
      return { type: OP_CODES.check, path: op.path, version: op.version ?? -1 };
    case 'remove':
      return { type: OP_CODES.remove, path: op.path, version: op.version ?? -1 };
  }
}
