// Files handed to the backend before tubes.import: streamed to <dataDir>/tmp/uploads/<id> (never
// buffered whole; web mode allows up to 2 GiB), hashed on the way, owned by the uploading user,
// forgotten after an hour. The folder sits inside the data folder so moving an upload into
// originals/ is a rename on the same file system.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HTTP } from '../../../shared/api/contract';
import { ServiceError } from './errors';
import type { BackendContext } from './context';

export interface Upload {
  id: string;
  fileName: string;
  path: string;
  sizeBytes: number;
  sha256: string;
  userId: number;
  createdAtMs: number;
}

export const UPLOAD_TTL_MS = 3600_000;

/** File names are display-only; keep them printable and short. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'upload.fcs';
}

/** Upload folders of processes that no longer run belong to no one: remove them. */
function removeOrphans(parent: string): void {
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

export function uploadStore(ctx: BackendContext, opts: { maxBytes?: number } = {}) {
  // One folder per process: the app and a CLI command may share the data folder at the same time.
  const parent = path.join(ctx.dataDir, 'tmp', 'uploads');
  const dir = path.join(parent, String(process.pid));
  const maxBytes = opts.maxBytes ?? HTTP.maxUploadBytes;
  const uploads = new Map<string, Upload>();
  const taken = new Map<string, Upload>();
  removeOrphans(parent);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  function sweep(): void {
    const now = Date.now();
    for (const u of [...uploads.values()]) {
      if (now - u.createdAtMs > UPLOAD_TTL_MS) {
        uploads.delete(u.id);
        fs.rmSync(u.path, { force: true });
      }
    }
  }

  return {
    dir,
    maxBytes,
    /** Streams `body` to disk; rejects with ServiceError PAYLOAD_TOO_LARGE when it exceeds maxBytes. */
    async fromStream(body: Readable, fileName: string, userId: number, declaredBytes?: number): Promise<Upload> {
      sweep();
      if (declaredBytes !== undefined && declaredBytes > maxBytes) {
        throw new ServiceError('PAYLOAD_TOO_LARGE', `file is ${declaredBytes} bytes; the limit is ${maxBytes}`, 'file', { limit: maxBytes });
      }
      const id = crypto.randomBytes(18).toString('base64url');
      const file = path.join(dir, id);
      const hash = crypto.createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > maxBytes) return cb(new ServiceError('PAYLOAD_TOO_LARGE', `file exceeds the limit of ${maxBytes} bytes`, 'file', { limit: maxBytes }));
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
      const u: Upload = { id, fileName: cleanFileName(fileName), path: file, sizeBytes: size, sha256: hash.digest('hex'), userId, createdAtMs: Date.now() };
      uploads.set(id, u);
      return u;
    },

    /** For IPC: the renderer sent the bytes. */
    fromBytes(bytes: Uint8Array, fileName: string, userId: number): Upload {
      sweep();
      if (bytes.byteLength > maxBytes) throw new ServiceError('PAYLOAD_TOO_LARGE', `file exceeds the limit of ${maxBytes} bytes`, 'file');
      const id = crypto.randomBytes(18).toString('base64url');
      const file = path.join(dir, id);
      fs.writeFileSync(file, bytes, { flag: 'wx', mode: 0o600 });
      const u: Upload = {
        id, fileName: cleanFileName(fileName), path: file, sizeBytes: bytes.byteLength,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'), userId, createdAtMs: Date.now(),
      };
      uploads.set(id, u);
      return u;
    },

    /**
     * Hands the upload over (once) if it exists and belongs to the user — another user's id is as
     * good as unknown. The caller must discard() it when done.
     */
    take(id: string, userId: number): Upload | undefined {
      const u = uploads.get(id);
      if (!u || u.userId !== userId) return undefined;
      uploads.delete(id);
      taken.set(id, u);
      return u;
    },

    /** Removes the upload's file (if still there) and forgets it. */
    discard(id: string): void {
      const u = uploads.get(id) ?? taken.get(id);
      uploads.delete(id);
      taken.delete(id);
      if (u) fs.rmSync(u.path, { force: true });
    },

    close(): void {
      uploads.clear();
      taken.clear();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type UploadStore = ReturnType<typeof uploadStore>;
