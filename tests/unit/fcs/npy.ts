// Minimal NumPy .npy (format v1/v2) reader for truth arrays: little-endian float64, C order.
// Format: "\x93NUMPY", major, minor, header length (u16 for v1, u32 for v2), a Python dict literal.
import fs from 'node:fs';

export interface NpyArray {
  shape: number[];
  data: Float64Array;
}

export function readNpy(file: string): NpyArray {
  const buf = fs.readFileSync(file);
  if (buf.subarray(0, 6).toString('latin1') !== '\x93NUMPY') throw new Error(`${file}: not a .npy file`);
  const major = buf[6]!;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = buf.subarray(headerStart, headerStart + headerLen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  if (descr !== '<f8') throw new Error(`${file}: dtype ${descr} is not little-endian float64`);
  if (fortran !== 'False') throw new Error(`${file}: Fortran order not supported`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLen;
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = buf.readDoubleLE(start + i * 8);
  return { shape, data };
}
