// Typed access to ../shared/refdata/manifest.json (facts computed by an independent reader).
import fs from 'node:fs';
import { refdata } from '../../helpers/paths';

export interface ManifestDataset {
  dataset_offset: number;
  version: string;
  tot: number;
  par: number;
  datatype: string;
  byteord: string;
  PnN: string[];
  PnS: (string | null)[];
  PnR: string[];
  spillover_present: boolean;
  spillover_keyword_used: string | null;
  first_event_raw?: number[] | null;
  first_event_scaled_first3?: number[] | null;
  second_event_raw_first3?: number[] | null;
  first_event_error?: string | null;
  data_offset_source: string;
  timestep?: string | null;
}

export interface ManifestFile {
  size_bytes: number;
  sha256: string;
  datasets?: ManifestDataset[];
  reader_error?: string;
  quirks: string[];
}

export const manifest: { files: Record<string, ManifestFile> } = JSON.parse(fs.readFileSync(refdata('manifest.json'), 'utf8'));

/** Files whose DATA cannot be read at all (the parser must refuse them). */
export const UNREADABLE = new Set(['fcs/fcsparser_corrupted.fcs', 'fcs/fcsparser_CytekNL2000_header_only.fcs']);

export function closeTo(actual: number, expected: number, rel = 2e-7, abs = 1e-9): boolean {
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}
