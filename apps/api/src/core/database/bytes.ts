/**
 * Prisma types Bytes columns as Uint8Array<ArrayBuffer>; Node's Buffers may sit on a shared
 * pool. Copy into a standalone array at the boundary.
 */
export function toBytes(buffer: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}
