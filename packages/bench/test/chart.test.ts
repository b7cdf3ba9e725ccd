import { describe, expect, it } from 'vitest';
import { renderBarChart } from '../src/chart.ts';
import { formatTable } from '../src/results.ts';

describe('the SVG chart', () => {
  it('draws one bar per series and group, scaled to the largest value', () => {
    const svg = renderBarChart({
      title: 'Echo <throughput>',
      unit: 'msg/s',
      series: ['ours', 'ws'],
      groups: [
        { label: '64 B text', values: { ours: 50_000, ws: 100_000 } },
        { label: '1 MiB binary', values: { ours: 90, ws: 100 } },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Echo &#60;throughput&#62;');
    const bars = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)" height="16"/g)].map(
      (m) => Number(m[1]),
    );
    expect(bars).toHaveLength(4);
    expect(bars[1]).toBeCloseTo(480); // the largest value spans the whole plot
    expect(bars[0]).toBeCloseTo(240);
  });
});

describe('formatTable', () => {
  it('aligns columns: text left, figures right', () => {
    expect(
      formatTable(
        ['case', 'msg/s'],
        [
          ['64 B', 1234],
          ['1 MiB', 5],
        ],
      ),
    ).toBe(['case   msg/s', '-----  -----', '64 B    1234', '1 MiB      5'].join('\n'));
  });
});
