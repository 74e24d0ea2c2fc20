// Node adapters for the FCS engine: files are read from disk in chunks (fs.readSync) through a
// ByteSource, never as one JS string; DATA goes straight into the Float32Array's buffer.
import { Buffer } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FcsError } from '../../../shared/fcs/errors';
import { parseFcs, listDatasets, type ParseOptions, type DatasetSummary } from '../../../shared/fcs/parse';
import { CsvEventsBuilder } from '../../../shared/fcs/csv';
import type { FastByteSource } from '../../../shared/fcs/source';
import type { FcsDataset } from '../../../shared/fcs/types';

const HEAD_BYTES = 1 << 16;

export type FileByteSource = FastByteSource & { readInto(offset: number, target: Uint8Array): number; close(): void };

function ioError(file: string, err: unknown): FcsError {
  const e = err as NodeJS.ErrnoException;
  const why = e?.code === 'ENOENT' ? 'no such file' : e?.code === 'EISDIR' ? 'is a directory' : e?.code === 'EACCES' ? 'permission denied' : (e?.message ?? String(err));
  return new FcsError('FCS_IO', `cannot read ${file}: ${why}`, { file });
}

export function openFileSource(file: string): FileByteSource {
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) { fs.closeSync(fd); throw Object.assign(new Error('is a directory'), { code: 'EISDIR' }); }
    size = st.size;
  } catch (err) {
    throw ioError(file, err);
  }
  let scratch = new Uint8Array(0);
  let head: Uint8Array | null = null;
  let closed = false;
  const readInto = (offset: number, target: Uint8Array): number => {
    let done = 0;
    while (done < target.length) {
      const n = fs.readSync(fd, target, done, Math.min(target.length - done, 1 << 30), offset + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  };
  return {
    size,
    name: file,
    read(offset: number, length: number): Uint8Array {
      // HEADER and TEXT nearly always sit in the first 64 KiB: one read serves both.
      if (offset + length <= HEAD_BYTES) {
        if (!head) { head = new Uint8Array(Math.min(size, HEAD_BYTES)); head = head.subarray(0, readInto(0, head)); }
        if (offset + length <= head.length) return head.subarray(offset, offset + length);
      }
      const len = Math.max(0, Math.min(length, size - offset));
      if (len > scratch.length) scratch = new Uint8Array(Math.max(len, 4096, scratch.length * 2));
      const got = readInto(offset, scratch.subarray(0, len));
      return scratch.subarray(0, got);
    },
    readInto,
    allocateFloat32(length: number): Float32Array {
      const b = Buffer.allocUnsafeSlow(length * 4);
      return new Float32Array(b.buffer, b.byteOffset, length);
    },
    swap32(bytes: Uint8Array): void {
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).swap32();
    },
    close() {
      if (!closed) { closed = true; fs.closeSync(fd); }
    },
  };
}

export function readFcsFile(file: string, options: ParseOptions = {}): FcsDataset {
  const src = openFileSource(file);
  try {
    return parseFcs(src, { name: file, ...options });
  } finally {
    src.close();
  }
}

export function listFcsDatasets(file: string): DatasetSummary[] {
  const src = openFileSource(file);
  try {
    return listDatasets(src, { name: file });
  } finally {
    src.close();
  }
}

/** CSV read in 4 MiB chunks and streamed through papaparse into a growing Float32Array. */
export function readCsvFile(file: string): FcsDataset {
  const src = openFileSource(file);
  try {
    const builder = new CsvEventsBuilder({ name: path.basename(file) });
    const decoder = new TextDecoder('utf-8');
    const buf = new Uint8Array(1 << 22);
    for (let off = 0; off < src.size; ) {
      const n = src.readInto(off, buf.subarray(0, Math.min(buf.length, src.size - off)));
      if (n === 0) break;
      off += n;
      builder.push(decoder.decode(buf.subarray(0, n), { stream: off < src.size }));
    }
    builder.push(decoder.decode());
    return builder.finish();
  } finally {
    src.close();
  }
}

/** True when the first bytes read "FCSn.n": content decides, the extension only breaks ties. */
function looksLikeFcs(file: string): boolean {
  const src = openFileSource(file);
  try {
    const b = src.read(0, 6);
    return b.length >= 3 && b[0] === 0x46 && b[1] === 0x43 && b[2] === 0x53;
  } finally {
    src.close();
  }
}

/** .fcs / .lmd / anything starting with "FCS" → FCS parser; .csv / .txt otherwise → CSV. */
export function readEventsFile(file: string, options: ParseOptions = {}): FcsDataset {
  const ext = path.extname(file).toLowerCase();
  if (looksLikeFcs(file)) return readFcsFile(file, options);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsvFile(file);
  return readFcsFile(file, options); // raises FCS_NOT_FCS with the file name
}

export function sha256File(file: string): string {
  const src = openFileSource(file);
  try {
    const hash = crypto.createHash('sha256');
    const buf = new Uint8Array(1 << 22);
    for (let off = 0; off < src.size; ) {
      const n = src.readInto(off, buf);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      off += n;
    }
    return hash.digest('hex');
  } finally {
    src.close();
  }
}
