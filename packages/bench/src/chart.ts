// An SVG bar chart drawn from result figures, so the docs can show a picture
// of every committed result without a charting library. One group per case
// (e.g. "16 KiB binary"), one bar per series (e.g. "ours" and "ws").
//
// Results often span sizes from 64 B to 1 MiB, and a 1 MiB frame takes
// thousands of times longer than a 64 B one: on a linear scale its bars would
// be a pixel wide, and whether ours beats ws there would not show. So values
// more than 100 times apart are drawn on a log scale, where each power of ten
// takes the same width and equal ratios look equally long.

export interface ChartGroup {
  label: string;
  values: Record<string, number>;
}

export interface BarChart {
  title: string;
  unit: string;
  series: string[];
  groups: ChartGroup[];
}

const palette = ['#3451b2', '#e8830c', '#2f8f5b', '#b23451'];
const layout = {
  width: 760,
  labelWidth: 170,
  valueWidth: 110,
  barHeight: 16,
  gap: 4,
  groupGap: 14,
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where a value's bar ends, from 0 (the plot's left edge) to 1, and the gridlines to draw. */
interface Scale {
  position: (value: number) => number;
  ticks: { value: number; label: string }[];
}

const logScaleAbove = 100;

function scaleFor(values: number[]): Scale {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  const max = Math.max(...positive, 1e-9);
  const min = Math.min(...positive, max);
  if (max / min <= logScaleAbove) return { position: (value) => value / max, ticks: [] };
  // From a power of ten below the smallest value's, so that its bar still has a
  // decade's width, to the power of ten at or above the largest value.
  const low = Math.floor(Math.log10(min)) - 1;
  const high = Math.ceil(Math.log10(max));
  const ticks = [];
  for (let power = low; power <= high; power++) {
    ticks.push({ value: 10 ** power, label: shortNumber(10 ** power) });
  }
  return {
    position: (value) => Math.max(0, (Math.log10(value) - low) / (high - low)),
    ticks,
  };
}

/** 1000 → "1k", 10000000 → "10M": gridline labels. */
function shortNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact' }).format(value);
}

function formatValue(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

export function renderBarChart(chart: BarChart): string {
  const { width, labelWidth, valueWidth, barHeight, gap, groupGap } = layout;
  const plotWidth = width - labelWidth - valueWidth;
  const scale = scaleFor(chart.groups.flatMap((g) => Object.values(g.values)));
  const legendY = 44;
  const top = legendY + 26;
  let y = top;
  const parts: string[] = [];
  if (scale.ticks.length > 0) {
    parts.push(
      `<text x="${width - 12}" y="${legendY}" class="legend" text-anchor="end">log scale: each line is 10×</text>`,
    );
  }
  chart.series.forEach((name, i) => {
    const x = labelWidth + i * 120;
    parts.push(
      `<rect x="${x}" y="${legendY - 11}" width="12" height="12" fill="${palette[i % palette.length]}"/>`,
      `<text x="${x + 18}" y="${legendY}" class="legend">${escapeXml(name)}</text>`,
    );
  });
  for (const group of chart.groups) {
    const groupHeight = chart.series.length * (barHeight + gap) - gap;
    parts.push(
      `<text x="${labelWidth - 10}" y="${y + groupHeight / 2 + 5}" class="label" text-anchor="end">${escapeXml(group.label)}</text>`,
    );
    chart.series.forEach((name, i) => {
      const value = group.values[name];
      const barY = y + i * (barHeight + gap);
      if (value === undefined || !Number.isFinite(value)) return;
      const barWidth = Math.max(1, scale.position(value) * plotWidth);
      parts.push(
        `<rect x="${labelWidth}" y="${barY}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${palette[i % palette.length]}"><title>${escapeXml(`${name}: ${formatValue(value, chart.unit)}`)}</title></rect>`,
        `<text x="${labelWidth + barWidth + 6}" y="${barY + barHeight - 4}" class="value">${escapeXml(formatValue(value, chart.unit))}</text>`,
      );
    });
    y += groupHeight + groupGap;
  }
  // Gridlines behind the bars, labelled underneath.
  const grid = scale.ticks.flatMap(({ value, label }) => {
    const x = (labelWidth + scale.position(value) * plotWidth).toFixed(1);
    return [
      `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${y - groupGap + 4}" class="grid"/>`,
      `<text x="${x}" y="${y - groupGap + 18}" class="tick" text-anchor="middle">${label}</text>`,
    ];
  });
  if (grid.length > 0) y += 14;
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}">`,
    '<style>text{font-family:system-ui,sans-serif;fill:#333}.title{font-size:16px;font-weight:600}.label,.legend{font-size:13px}.value,.tick{font-size:12px}.grid{stroke:#ddd}</style>',
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="12" y="24" class="title">${escapeXml(chart.title)}</text>`,
    ...grid,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
