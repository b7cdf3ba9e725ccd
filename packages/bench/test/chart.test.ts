import { describe, expect, it } from 'vitest';
import { renderBarChart } from '../src/chart.ts';
import { formatTable } from '../src/results.ts';

describe('the SVG chart', () => {
  it('draws values close together on a linear scale, scaled to the largest value', () => {
    const svg = renderBarChart({
      title: 'Echo <throughput>',
      unit: 'msg/s',
      series: ['ours', 'ws'],
      groups: [
        { label: '64 B text', values: { ours: 50_000, ws: 100_000 } },
        { label: '1 MiB binary', values: { ours: 9_000, ws: 10_000 } },
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
    expect(svg).not.toContain('log scale');
  });

  it('draws values a thousand times apart on a log scale, so the smallest bars still show', () => {
    // lesson 04's parse results: 64 B frames near 3 million a second, 1 MiB ones near 1,000.
    const svg = renderBarChart({
      title: 'Parsing',
      unit: 'msg/s',
      series: ['ours', 'ws'],
      groups: [
        { label: '64 B', values: { ours: 2_983_652, ws: 2_603_617 } },
        { label: '16 KiB', values: { ours: 162_789, ws: 31_268 } },
        { label: '1 MiB', values: { ours: 1_289, ws: 403 } },
      ],
    });
    const bars = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)" height="16"/g)].map(
      (m) => Number(m[1]),
    );
    expect(bars).toHaveLength(6);
    const plotWidth = 480;
    // On a linear scale 403 would be 0.01 % of the plot, 1 px; here it is a fifth of it.
    for (const bar of bars) expect(bar).toBeGreaterThan(plotWidth / 5);
    // Still in order: a larger value, a longer bar.
    expect([...bars].sort((a, b) => b - a)).toEqual([
      bars[0],
      bars[1],
      bars[2],
      bars[3],
      bars[4],
      bars[5],
    ]);
    expect(svg).toContain('log scale');
    // One line per power of ten, labelled, from a power below the smallest value to above the largest.
    for (const tick of ['10', '100', '1K', '10K', '100K', '1M', '10M'])
      expect(svg).toContain(`>${tick}</text>`);
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
