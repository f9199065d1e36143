import { scaleLinear } from 'd3-scale';
import type { Bin } from './dashboardQuery';

/**
 * A sequential blue palette, light to dark, 5 classes. Each colour is listed with the text colour
 * that keeps a contrast of at least 4.5:1 on it, so that numbers can be written inside cells.
 */
export const SEQUENTIAL = [
  { fill: '#deebf7', text: '#000000' },
  { fill: '#9ecae1', text: '#000000' },
  { fill: '#4292c6', text: '#000000' },
  { fill: '#2171b5', text: '#ffffff' },
  { fill: '#08306b', text: '#ffffff' },
] as const;

/** Zero ("none") has its own light fill; the chart also writes "0" or hatches it, never colour alone. */
export const ZERO_FILL = '#ffffff';

/**
 * Classes for values in (0, max]: round bounds from d3's nice ticks, at most `classes` of them.
 * Whole-number data (counts) gets integer classes 1–2, 3–4, …; zero is in no class.
 */
export function binsFor(max: number, classes: number = SEQUENTIAL.length, integer = true): Bin[] {
  if (!(max > 0)) return [];
  if (integer && max <= classes) {
    return Array.from({ length: max }, (_, i) => ({ min: i + 1, max: i + 1 }));
  }
  let ticks = scaleLinear().domain([0, max]).nice(classes).ticks(classes);
  if (integer) ticks = [...new Set(ticks.map((t) => Math.ceil(t)))];
  // Fewer classes than asked when d3's nice step gives more ticks than classes.
  while (ticks.length - 1 > classes) ticks = ticks.filter((_, i) => i % 2 === 0 || i === ticks.length - 1);
  const last = ticks[ticks.length - 1] ?? max;
  if (last < max) ticks.push(max);
  const bins: Bin[] = [];
  for (let i = 1; i < ticks.length; i++) {
    const lo = ticks[i - 1] ?? 0;
    const hi = ticks[i] ?? max;
    bins.push({ min: integer ? lo + 1 : lo, max: hi });
  }
  return bins;
}

/** The class of a value in `bins` (-1 for zero or less). */
export function binIndex(value: number, bins: readonly Bin[]): number {
  if (!(value > 0)) return -1;
  const i = bins.findIndex((b) => value <= b.max);
  return i < 0 ? bins.length - 1 : i;
}

/** The palette colour for class `index` of `count` classes: spread over the palette, darkest last. */
export function colourFor(index: number, count: number): { fill: string; text: string } {
  if (index < 0 || count <= 0) return { fill: ZERO_FILL, text: '#000000' };
  const steps = SEQUENTIAL.length;
  const at = count === 1 ? steps - 1 : Math.round((index * (steps - 1)) / (count - 1));
  return SEQUENTIAL[Math.min(steps - 1, Math.max(0, at))] ?? SEQUENTIAL[0];
}
