// An SVG bar chart drawn from result figures, so the docs can show a picture
// of every committed result without a charting library. One group per case
// (e.g. "16 KiB binary"), one bar per series (e.g. "ours" and "ws").

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

function formatValue(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

export function renderBarChart(chart: BarChart): string {
  const { width, labelWidth, valueWidth, barHeight, gap, groupGap } = layout;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(...chart.groups.flatMap((g) => Object.values(g.values)), 1e-9);
  const legendY = 44;
  let y = legendY + 26;
  const parts: string[] = [];
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
      const barWidth = Math.max(1, (value / max) * plotWidth);
      parts.push(
        `<rect x="${labelWidth}" y="${barY}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${palette[i % palette.length]}"><title>${escapeXml(`${name}: ${formatValue(value, chart.unit)}`)}</title></rect>`,
        `<text x="${labelWidth + barWidth + 6}" y="${barY + barHeight - 4}" class="value">${escapeXml(formatValue(value, chart.unit))}</text>`,
      );
    });
    y += groupHeight + groupGap;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}">`,
    '<style>text{font-family:system-ui,sans-serif;fill:#333}.title{font-size:16px;font-weight:600}.label,.legend{font-size:13px}.value{font-size:12px}</style>',
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="12" y="24" class="title">${escapeXml(chart.title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
