// Peer assertions listed in refdata/manifest.json (fcsparser, FlowIO, FlowKit, FlowCal tests),
// checked against our reader, plus the FlowIO per-event truth arrays (.npy).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFcsFile } from '../../../electron/backend/fcs/file';
import { parseFcs, listDatasets } from '../../../shared/fcs/parse';
import { scaledColumn, timeSeconds, findParameter } from '../../../shared/fcs/scale';
import { parseTextSegment } from '../../../shared/fcs/text';
import { refdata } from '../../helpers/paths';
import { readNpy } from './npy';
import { captureError, firstDifference } from './capture';

const file = (name: string) => refdata('fcs', name);

describe('FlowIO truth arrays', () => {
  it('reads every raw value of data1.fcs as flowio_data1_original_events.npy', () => {
    const ds = readFcsFile(refdata('gatingml2/data1.fcs'));
    const truth = readNpy(refdata('fcs/truth/flowio_data1_original_events.npy'));
    expect(truth.shape).toEqual([13367, 8]);
    expect(firstDifference(ds.events, truth.data)).toBe(-1);
  });

  it('scales data1.fcs ($PnE 4,0 with f2 read as 1; $PnG 3.67 and 8) as flowio_data1_preprocessed.npy', () => {
    const ds = readFcsFile(refdata('gatingml2/data1.fcs'));
    const truth = readNpy(refdata('fcs/truth/flowio_data1_preprocessed.npy'));
    let worst = 0;
    for (let p = 0; p < 8; p++) {
      const col = scaledColumn(ds, p);
      for (let i = 0; i < ds.eventCount; i++) {
        const e = truth.data[i * 8 + p]!;
        worst = Math.max(worst, Math.abs(col[i]! - e) / Math.max(1, Math.abs(e)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('scales the Accuri B01 file with Time × $TIMESTEP as the FlowIO preprocessed truth', () => {
    const ds = readFcsFile(file('flowio_B01_KC-A-W---91-US.fcs'));
    const truth = readNpy(refdata('fcs/truth/flowio_B01_KC-A-W---91-US_preprocessed_events.npy'));
    expect(truth.shape).toEqual([1589, 14]);
    const t = findParameter(ds, 'Time');
    const seconds = timeSeconds(ds)!;
    let worst = 0;
    for (let p = 0; p < 14; p++) {
      const col = p === t ? seconds : scaledColumn(ds, p);
      for (let i = 0; i < ds.eventCount; i++) {
        const e = truth.data[i * 14 + p]!;
        worst = Math.max(worst, Math.abs(col[i]! - e) / Math.max(1, Math.abs(e)));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('integer layouts', () => {
  it('reads mixed 16/32-bit events and masks $P26R=11209599 to 24 bits (variable_int_example)', () => {
    const ds = readFcsFile(file('flowio_variable_int_example.fcs'));
    expect(Array.from(ds.events)).toEqual([
      49135, 61373, 48575, 49135, 61373, 48575, 7523, 598, 49135, 61373, 48575, 49135, 61373, 48575, 28182, 61200, 48575, 49135, 32445, 30797, 19057, 49135, 61373, 48575, 5969, 8265081,
      61266, 48575, 49135, 20925, 61265, 48575, 27961, 25200, 61287, 48575, 9795, 49135, 29117, 49135, 61373, 48575, 61228, 48575, 22, 21760, 49135, 20413, 49135, 23997, 19807, 15691602,
    ]);
  });

  it('reads 3-byte big-endian integers of the Cytek xP5', () => {
    const ds = readFcsFile(file('fcsparser_Cytek_xP5_24bit.fcs'));
    expect(Array.from(ds.events.subarray(0, 16))).toEqual([0, 286, 164, 154, 54, 470, 1023, 770, 0, 171, 128, 153, 199, 91, 211, 12]);
  });

  it('reads 8/16/32-bit parameters mixed in one event (CyFlow Cube 8)', () => {
    const ds = readFcsFile(file('fcsparser_cyflow_cube_8.fcs'));
    expect(ds.eventCount).toBe(725);
    expect(Array.from(ds.events.subarray(0, 20))).toEqual([8, 7, 15, 15, 5, 8, 7, 6, 23, 0, 6, 7, 13, 14, 6, 9, 10, 4, 23, 0]);
  });

  it('masks junk high bits of 16-bit Navios values to the 10 bits of $PnR 1024', () => {
    const ds = readFcsFile(file('fcsparser_Navios_bitmask.lmd'));
    expect(Array.from(ds.events.subarray(0, 28))).toEqual(new Array(28).fill(528));
  });
});

describe('several data sets in one file', () => {
  it('lists both data sets of the FC500 LMD file (FCS2.0 then FCS3.0 at $NEXTDATA 363602)', () => {
    const sets = listDatasets(fs.readFileSync(file('flowio_coulter_FC500_2datasets.lmd')));
    expect(sets.map((s) => [s.index, s.offset, s.version, s.eventCount, s.parameterCount])).toEqual([
      [0, 0, 'FCS2.0', 18110, 8],
      [1, 363602, 'FCS3.0', 18110, 8],
    ]);
    expect(sets[0]!.keywords['$CYT']).toBe('Cytomics FC 500');
  });

  it('reads the second data set, whose TEXT lies after its DATA, with the peer values', () => {
    const ds = readFcsFile(file('flowio_coulter_FC500_2datasets.lmd'), { dataset: 1 });
    expect(Array.from(ds.events.subarray(0, 24))).toEqual([
      61056, 131840, 46, 324, 10309, 104, 11912, 0, 257280, 378656, 139, 1728, 58688, 354, 58720, 0, 164128, 305376, 159, 924, 29024, 208, 29728, 0,
    ]);
  });

  it('warns that the first data set is read when a file holds more than one', () => {
    const ds = readFcsFile(file('flowio_coulter_FC500_2datasets.lmd'));
    expect(ds.warnings.map((w) => w.code)).toContain('MULTIPLE_DATASETS');
    expect(ds.warnings.map((w) => w.code)).toContain('DATA_OFF_BY_ONE');
  });

  it('refuses a data set index the file does not have', () => {
    const err = captureError(() => readFcsFile(file('flowio_coulter_FC500_2datasets.lmd'), { dataset: 2 }));
    expect(err.code).toBe('FCS_NO_DATASET');
    expect(err.message).toContain('holds 2 data set(s)');
  });
});

describe('HEADER/TEXT data offset discrepancies (FlowIO DataOffsetDiscrepancyError files)', () => {
  it('reports the start discrepancy as a warning naming both offsets and the one used', () => {
    const ds = readFcsFile(file('flowio_data_start_offset_discrepancy_example.fcs'));
    const w = ds.warnings.find((x) => x.code === 'OFFSET_DISCREPANCY')!;
    expect(w.message).toContain('HEADER says DATA is bytes 5555–6188');
    expect(w.message).toContain('TEXT $BEGINDATA/$ENDDATA say 6081–6188');
    expect(w.message).toContain('used TEXT');
    expect(ds.events[0]).toBe(49135);
  });

  it('reports the stop discrepancy (HEADER end past the end of the file) as a warning and uses TEXT', () => {
    const ds = readFcsFile(file('flowio_data_stop_offset_discrepancy_example.fcs'));
    const w = ds.warnings.find((x) => x.code === 'OFFSET_DISCREPANCY')!;
    expect(w.message).toContain('6081–6944');
    expect(w.message).toContain('used TEXT');
  });

  it('raises FCS_OFFSET_DISCREPANCY for either file with strictOffsets', () => {
    for (const f of ['flowio_data_start_offset_discrepancy_example.fcs', 'flowio_data_stop_offset_discrepancy_example.fcs']) {
      const err = captureError(() => readFcsFile(file(f), { strictOffsets: true }));
      expect(err.code).toBe('FCS_OFFSET_DISCREPANCY');
      expect(err.keyword).toBe('$BEGINDATA');
    }
  });
});

describe('TEXT details from real exporters', () => {
  it('un-escapes doubled delimiters as the fcsparser test string expects', () => {
    const bytes = Uint8Array.from('/flow_speed/3 m//s/x/a///y/b/////', (c) => c.charCodeAt(0));
    const { keywords } = parseTextSegment(bytes, 0, [], {});
    expect({ ...keywords }).toEqual({ FLOW_SPEED: '3 m/s', X: 'a/', Y: 'b//' });
  });

  it('keeps escaped delimiters in MACSQuant names ("GFP//FITC-A" → "GFP/FITC-A")', () => {
    const ds = readFcsFile(file('fcsparser_MACSQuant_Duplicate_Names.fcs'));
    expect(ds.parameters[7]!.marker).toBe('GFP/FITC-A');
    expect(ds.keywords['$P4F']).toBe('561//10 nm');
  });

  it('reads $FIL, $CYT and the file name keywords as written', () => {
    const ds = readFcsFile(file('fcsparser_MACSQuant_FCS2.0.fcs'));
    expect(ds.keywords['$FIL']).toBe('EY_2013-07-19_PBS_FCS_2.0_Custom_Without_Add_Well_A1.001.fcs');
    expect(ds.keywords['$CYT']).toBe('MACSQuant');
    expect(readFcsFile(file('flowkit_test_comp_example_LSRII.fcs')).keywords['$FIL']).toBe('PBMC_LRS005_IL10.fcs');
  });

  it('decodes the non-UTF-8 CREATOR of data1.fcs byte for byte (0xAA, Mac OS Roman "™") instead of failing', () => {
    const ds = readFcsFile(refdata('gatingml2/data1.fcs'));
    expect(ds.keywords['CREATOR']).toBe('CELLQuest\u00aa 3.3');
  });

  it('reads the FACSDiva B-ALL panel markers and its 8×8 SPILL', () => {
    const ds = readFcsFile(file('fcsparser_FACSDiva6.2_BALL_panel.fcs'));
    expect(ds.parameters.map((p) => p.marker ?? p.name)).toEqual(['Time', 'FSC-A', 'FSC-W', 'SSC-A', 'CD20', 'CD10', 'CD45', 'CD34', 'Syto 41', 'CD19', 'CD38', 'APC-Cy7-A']);
    expect(ds.spillover!.channels).toHaveLength(8);
    expect(ds.spillover!.matrix[0]).toBe(1);
    expect(ds.parameters.map((p) => p.kind)).toEqual(['time', 'scatter', 'scatter', 'scatter', ...new Array(8).fill('fluorescence')]);
  });

  it('uses $BEGINDATA/$ENDDATA when the HEADER data offsets are blank (fake large file)', () => {
    const a = readFcsFile(file('fcsparser_fake_large_fcs.fcs'));
    const b = readFcsFile(file('fcsparser_Fortessa.fcs'));
    expect(Array.from(a.events.subarray(0, 44))).toEqual(Array.from(b.events.subarray(0, 44)));
  });

  it('warns about the off-by-one $ENDDATA of the FlowKit LSRII file and reads all 10703 events', () => {
    const ds = readFcsFile(file('flowkit_test_comp_example_LSRII.fcs'));
    expect(ds.eventCount).toBe(10703);
    expect(ds.warnings.map((w) => w.code)).toContain('DATA_OFF_BY_ONE');
  });

  it('parses the same bytes identically from memory and from disk', () => {
    const path = file('flowcal_Data004_FACSAriaII_float.fcs');
    const a = parseFcs(fs.readFileSync(path));
    const b = readFcsFile(path);
    expect(firstDifference(a.events, b.events)).toBe(-1);
    expect(a.keywords).toEqual(b.keywords);
  });
});

describe('acquisition times asserted by FlowCal', () => {
  const span = (name: string) => { const t = timeSeconds(readFcsFile(file(name)))!; return t[t.length - 1]! - t[0]!; };

  it('spans 74.8 s in the FACScan file, from CellQuest TIMETICKS = 200 ms (FCS 2.0, no $TIMESTEP)', () => {
    expect(span('flowcal_Data001_FACScan_CellQuest.fcs')).toBeCloseTo(74.8, 9);
  });

  it('spans 134.8 s in the Cytek xP3 file ($TIMESTEP 0.1)', () => {
    expect(span('flowcal_Data003_CytekxP3_FlowJoCE.fcs')).toBeCloseTo(134.8, 9);
  });

  it('spans 1.703 s in the FACSAria II float file ($TIMESTEP 0.01; FlowCal gets 1.7029998779 in float32)', () => {
    expect(Math.abs(span('flowcal_Data004_FACSAriaII_float.fcs') - 1.7029998779296875)).toBeLessThan(1e-6);
  });
});
