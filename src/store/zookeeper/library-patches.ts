/**
 * Fixes applied to one node-zookeeper-client connection manager (1.1.3,
 * unmaintained), from zk-client.ts only.
 *
 * Response framing: the library's `onSocketData` handles one packet, then
 * re-concatenates the whole rest of the chunk with an empty buffer and
 * recurses, copying each chunk once per packet in it. Restoring 10,000
 * nodes spent ~40% of its CPU in those copies and the garbage they leave.
 * The patch splits each chunk into complete packets without copying and
 * hands the library one packet at a time, which it handles without
 * recursing. It also drops a partial packet left over from a previous
 * socket, which the library would glue onto the next connection's first bytes.
 */

/** The parts of the library's ConnectionManager the patch touches. */
interface FramedConnectionManager {
  socket?: { destroyed?: boolean };
  pendingBuffer: Buffer | null;
  onSocketData(buffer: Buffer): void;
}

/** Installs the framing fix on `manager`; call before `connect()` (the socket listener is bound then). */
export function patchResponseFraming(manager: FramedConnectionManager): void {
  const handlePacket = manager.onSocketData;
  let socketOfPending: unknown;
  manager.onSocketData = function framedOnSocketData(this: FramedConnectionManager, chunk: Buffer): void {
    let buffer = chunk;
    if (this.pendingBuffer && socketOfPending === this.socket) buffer = Buffer.concat([this.pendingBuffer, chunk]);
    this.pendingBuffer = null;
    let offset = 0;
    while (buffer.length - offset >= 4) {
      const end = offset + 4 + buffer.readInt32BE(offset);
      if (end > buffer.length) break;
      handlePacket.call(this, buffer.subarray(offset, end));
      offset = end;
      // The library destroys the socket on a protocol error; the rest of the chunk belongs to it.
      if (this.socket?.destroyed) return;
    }
    if (offset < buffer.length) {
      this.pendingBuffer = Buffer.from(buffer.subarray(offset));
      socketOfPending = this.socket;
    }
  };
}

/** The parts of the library's ConnectionManager the corking patch touches. */
interface QueuedConnectionManager {
  socket?: { destroyed?: boolean; cork?(): void; uncork?(): void };
  packetQueue: { removeAllListeners(event: string): unknown; on(event: string, listener: () => void): unknown };
  onPacketQueueReadable(): void;
}

/**
 * Request batching: the library writes each queued request to the socket
 * the moment it is queued, one write (and one TCP segment) per request.
 * The patch corks the socket on the first request of a tick and uncorks it
 * on the next, so the requests issued in one tick leave in one write. Order
 * is unchanged; a request still leaves in the tick it was issued. Call
 * before `connect()`.
 */
export function patchRequestCorking(manager: QueuedConnectionManager): void {
  const flush = manager.onPacketQueueReadable;
  let corked: unknown;
  manager.packetQueue.removeAllListeners('readable');
  manager.packetQueue.on('readable', () => {
    const socket = manager.socket;
    if (socket?.cork && socket.uncork && !socket.destroyed && corked !== socket) {
      corked = socket;
      socket.cork();
      process.nextTick(() => {
        corked = undefined;
        socket.uncork!();
      });
    }
    flush.call(manager);
  });
}
