import { scaleLinear } from 'd3-scale';
import { useIntl } from 'react-intl';
import type { Bin } from '../lib/dashboardQuery';
import { binIndex, binsFor, colourFor, ZERO_FILL } from '../lib/scales';
import { ChartScroller } from './ChartFigure';

const FONT = 12;

/** "Indonesia, 2011" style short label, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

interface LegendProps {
  bins: readonly Bin[];
  format: (n: number) => string;
  integer?: boolean;
}

/** The classes of a sequential scale, each with its colour swatch and range; zero first. */
export function SequentialLegend({ bins, format, integer = true }: LegendProps) {
  const intl = useIntl();
  return (
    <div className="legend">
      <p className="legend__title">{intl.formatMessage({ id: 'dashboard.legend' })}</p>
      <ul className="legend__items">
        <li>
          <span className="legend__swatch legend__swatch--zero" style={{ background: ZERO_FILL }} aria-hidden="true" />
          {intl.formatMessage({ id: 'dashboard.legendNone' })}
        </li>
        {bins.map((b, i) => (
          <li key={i}>
            <span
              className="legend__swatch"
              style={{ background: colourFor(i, bins.length).fill }}
              aria-hidden="true"
            />
            {integer && b.min === b.max
              ? format(b.min)
              : intl.formatMessage(
                  { id: integer ? 'dashboard.legendRange' : 'dashboard.legendAbove' },
                  { min: format(b.min), max: format(b.max) },
                )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface HeatMapProps {
  label: string;
  rows: { key: string; label: string; title: string; indent: number }[];
  columns: { key: string; label: string }[];
  values: number[][];
  bins: readonly Bin[];
  format: (n: number) => string;
}

/** A grid of counts, one cell per row × column, shaded by class and with the count written in it. */
export function HeatMap({ label, rows, columns, values, bins, format }: HeatMapProps) {
  const cellW = 52;
  const cellH = 28;
  const labelW = 210;
  const headH = 34;
  const width = labelW + columns.length * cellW + 2;
  const height = headH + rows.length * cellH + 2;
  return (
    <ChartScroller label={label}>
      <svg
        className="chart__svg heatmap"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        {columns.map((c, j) => (
          <text
            key={c.key}
            x={labelW + j * cellW + cellW / 2}
            y={headH - 10}
            textAnchor="middle"
            fontSize={FONT}
            className="heatmap__col"
          >
            {c.label}
          </text>
        ))}
        {rows.map((r, i) => (
          <g key={r.key} transform={`translate(0 ${headH + i * cellH})`}>
            <text x={4 + r.indent * 12} y={cellH / 2 + 4} fontSize={FONT} className="heatmap__row">
              <title>{r.title}</title>
              {shorten(r.label, Math.floor((labelW - 8 - r.indent * 12) / 6.6))}
            </text>
            {columns.map((c, j) => {
              const v = values[i]?.[j] ?? 0;
              const colour = colourFor(binIndex(v, bins), bins.length);
              return (
                <g key={c.key} transform={`translate(${labelW + j * cellW} 0)`}>
                  <rect
                    width={cellW - 2}
                    height={cellH - 2}
                    fill={colour.fill}
                    stroke={v > 0 ? 'none' : '#767676'}
                    strokeDasharray={v > 0 ? undefined : '2 2'}
                  />
                  <text x={(cellW - 2) / 2} y={cellH / 2 + 3} textAnchor="middle" fontSize={FONT} fill={colour.text}>
                    {format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </ChartScroller>
  );
}

interface BarRow {
  key: string;
  label: string;
  title: string;
  value: number;
  /** Written at the end of the bar (the formatted value, with any flag). */
  text: string;
  /** Pattern class: bars of different series differ by pattern and label, not colour alone. */
  series?: number;
}

/** Horizontal bars on a linear scale from zero, each labelled with its value. */
export function BarChart({ label, rows }: { label: string; rows: BarRow[] }) {
  const labelW = 200;
  const barW = 260;
  const valueW = 200;
  const rowH = 26;
  const width = labelW + barW + valueW;
  const height = rows.length * rowH + 4;
  const max = Math.max(0, ...rows.map((r) => r.value));
  const x = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, barW]);
  return (
    <ChartScroller label={label}>
      <svg
        className="chart__svg bars"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <defs>
          <pattern id="bar-hatch-1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#2171b5" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
          </pattern>
          <pattern id="bar-hatch-2" width="5" height="5" patternUnits="userSpaceOnUse">
            <rect width="5" height="5" fill="#08306b" />
            <circle cx="2.5" cy="2.5" r="1.2" fill="#ffffff" />
          </pattern>
        </defs>
        {rows.map((r, i) => {
          const w = Math.max(r.value > 0 ? 2 : 0, x(r.value));
          const fill = r.series === 1 ? 'url(#bar-hatch-1)' : r.series === 2 ? 'url(#bar-hatch-2)' : '#2171b5';
          return (
            <g key={r.key} transform={`translate(0 ${i * rowH + 2})`}>
              <text x={labelW - 6} y={rowH / 2 + 2} textAnchor="end" fontSize={FONT}>
                <title>{r.title}</title>
                {shorten(r.label, 30)}
              </text>
              <rect
                x={labelW}
                y={3}
                width={w}
                height={rowH - 8}
                fill={fill}
                stroke="#08306b"
                strokeWidth={w > 0 ? 1 : 0}
              />
              <text x={labelW + w + 6} y={rowH / 2 + 2} fontSize={FONT}>
                {r.text}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartScroller>
  );
}

/** Vertical columns, one per year, each labelled with its value. */
export function ColumnChart({
  label,
  columns,
}: {
  label: string;
  columns: { key: string; label: string; value: number; text: string }[];
}) {
  const colW = 56;
  const plotH = 160;
  const top = 20;
  const bottom = 24;
  const width = Math.max(200, columns.length * colW + 8);
  const height = top + plotH + bottom;
  const max = Math.max(0, ...columns.map((c) => c.value));
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, plotH]);
  return (
    <ChartScroller label={label}>
      <svg
        className="chart__svg columns"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <line x1={0} x2={width} y1={top + plotH} y2={top + plotH} stroke="#333333" />
        {columns.map((c, i) => {
          const h = y(c.value);
          const cx = 4 + i * colW + colW / 2;
          return (
            <g key={c.key}>
              <rect x={cx - colW / 2 + 6} y={top + plotH - h} width={colW - 12} height={h} fill="#2171b5" />
              <text x={cx} y={top + plotH - h - 5} textAnchor="middle" fontSize={FONT}>
                {c.text}
              </text>
              <text x={cx} y={top + plotH + 16} textAnchor="middle" fontSize={FONT}>
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartScroller>
  );
}

export { binsFor };
