'use client';

import { useMemo } from 'react';
import { useXAxisScale, useYAxisScale } from 'recharts';

/** One point of a {@link DotCloud}, in data units of the chart's axes. */
export interface CloudPoint {
  x: number;
  y: number;
}

/**
 * A scatter drawn as ONE SVG path: put it inside any cartesian recharts chart
 * (it reads the axes' scales through recharts' hooks). A recharts `<Scatter>`
 * renders a component per point, which made the retry-delay chart the slowest
 * thing on the page to redraw; a single path is as cheap as a line.
 * The trade-off: no per-point tooltip. The axes' domains must include the
 * points (set them explicitly), since the cloud is not a series recharts knows.
 */
export function DotCloud({
  points,
  color,
  shape = 'dot',
  size = 4,
  xAxisId,
  yAxisId,
}: {
  points: readonly CloudPoint[];
  /** Any CSS colour, e.g. `var(--color-backoff)`. */
  color: string;
  /** Circles or diamonds: two series should differ by more than colour. Default `dot`. */
  shape?: 'dot' | 'diamond';
  /** Radius in px. Default 4. */
  size?: number;
  xAxisId?: string | number;
  yAxisId?: string | number;
}) {
  const xScale = useXAxisScale(xAxisId);
  const yScale = useYAxisScale(yAxisId);
  const d = useMemo(() => {
    if (!xScale || !yScale) return '';
    const r = size;
    let path = '';
    for (const p of points) {
      const cx = xScale(p.x);
      const cy = yScale(p.y);
      if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) continue;
      path +=
        shape === 'diamond'
          ? `M${cx},${cy - r * 1.4}l${r * 1.4},${r * 1.4}l${-r * 1.4},${r * 1.4}l${-r * 1.4},${-r * 1.4}z`
          : `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    }
    return path;
  }, [points, xScale, yScale, shape, size]);
  if (!d) return null;
  return <path d={d} fill={color} fillOpacity={0.75} aria-hidden="true" />;
}
