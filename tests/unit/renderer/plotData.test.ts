import { describe, expect, it } from 'vitest';
import {
  channelLabel,
  defaultChannels,
  splitChannels,
} from '../../../renderer/features/analysis/plotData';

function littleEndianChannels(...channels: number[][]): ArrayBuffer {
  const n = channels[0].length;
  const view = new DataView(new ArrayBuffer(n * channels.length * 4));
  channels.forEach((ch, c) => ch.forEach((v, i) => view.setFloat32((c * n + i) * 4, v, true)));
  return view.buffer;
}

describe('splitChannels', () => {
  it('returns each channel from the channel-after-channel little-endian layout of tubes.events', () => {
    const [x, y] = splitChannels(littleEndianChannels([1.5, -2, 262144], [10, 20, 30]), 2);
    expect(Array.from(x)).toEqual([1.5, -2, 262144]);
    expect(Array.from(y)).toEqual([10, 20, 30]);
  });

  it('rejects a byte count that is not whole events of every channel', () => {
    expect(() => splitChannels(new ArrayBuffer(12), 2)).toThrow(RangeError);
  });

  it('returns empty channels for a tube with no events', () => {
    const [x, y] = splitChannels(new ArrayBuffer(0), 2);
    expect(x.length).toBe(0);
    expect(y.length).toBe(0);
  });
});

describe('channelLabel', () => {
  it('joins $PnN and the marker with an em dash', () => {
    expect(channelLabel({ name: 'PE-A', marker: 'CD3' })).toBe('PE-A — CD3');
  });

  it('shows $PnN alone when the marker is blank', () => {
    expect(channelLabel({ name: 'FSC-A', marker: ' ' })).toBe('FSC-A');
    expect(channelLabel({ name: 'FSC-A', marker: null })).toBe('FSC-A');
  });
});

describe('defaultChannels', () => {
  it('prefers FSC-A against SSC-A', () => {
    const params = ['Time', 'FSC-H', 'FSC-A', 'SSC-A', 'FITC-A'].map((name) => ({ name, kind: 'other' as const }));
    expect(defaultChannels(params)).toEqual(['FSC-A', 'SSC-A']);
  });

  it('falls back to the first two channels that are not time', () => {
    const params = [
      { name: 'Time', kind: 'time' as const },
      { name: 'FL1', kind: 'fluorescence' as const },
      { name: 'FL2', kind: 'fluorescence' as const },
    ];
    expect(defaultChannels(params)).toEqual(['FL1', 'FL2']);
  });

  it('has no default for a tube without parameters', () => {
    expect(defaultChannels([])).toBeNull();
  });
});
