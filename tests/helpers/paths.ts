// Where tests find the repository and the read-only reference data.
// CI clones the repo into a fresh folder with a copy of shared/ beside it, so refdata is ../shared/refdata.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REFDATA = process.env.ONCOFLOW_REFDATA ?? path.resolve(REPO_ROOT, '..', 'shared', 'refdata');
export const refdata = (...parts: string[]): string => path.join(REFDATA, ...parts);
