// Byte sources: the parser reads through ByteSource so the same code serves an in-memory
// Uint8Array (renderer, tests) and a file read in chunks from disk (electron/backend/fcs/file.ts).
import type { ByteSource } from './types';

/** A ByteSource that may also fill a caller's buffer directly (zero-copy into a Float32Array). */
export interface FastByteSource extends ByteSource {
  /** Copy bytes [offset, offset + target.length) into target; returns the number of bytes copied. */
  readInto?(offset: number, target: Uint8Array): number;
  /**
   * Optional allocator for the events array; Node passes uninitialised memory
   * (Buffer.allocUnsafeSlow) because the reader overwrites every byte, saving the zero-fill.
   */
  allocateFloat32?(length: number): Float32Array;
  /** Optional native in-place 32-bit byte swap (Node: Buffer#swap32), for big-endian float data. */
  swap32?(bytes: Uint8Array): void;
}

export function bytesSource(bytes: Uint8Array, name?: string): FastByteSource {
  return {
    size: bytes.length,
    name,
    read(offset, length) {
      const a = Math.max(0, Math.min(offset, bytes.length));
      return bytes.subarray(a, Math.max(a, Math.min(offset + length, bytes.length)));
    },
    readInto(offset, target) {
      const a = Math.max(0, Math.min(offset, bytes.length));
      const b = Math.min(offset + target.length, bytes.length);
      if (b <= a) return 0;
      target.set(bytes.subarray(a, b));
      return b - a;
    },
  };
}

export function toByteSource(source: ByteSource | Uint8Array, name?: string): FastByteSource {
  return source instanceof Uint8Array ? bytesSource(source, name) : (source as FastByteSource);
}

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
