'use client';

import { useMemo } from 'react';
import { useXAxisScale, useYAxisScale } from 'recharts';

/** One band: from `x1` to `x2` in data units of the x axis. */
export interface Band {
  x1: number;
  x2: number;
}

/**
 * Vertical bands (state intervals) drawn as ONE SVG path, like {@link DotCloud}:
 * put it inside any cartesian recharts chart. A band narrower than
 * `minWidthPx` is widened to it, so a HALF_OPEN that lasted one probe still
 * reads as a band on a projector (its exact times are in the transition list).
 */
export function BandCloud({
  bands,
  color,
  opacity = 0.3,
  y1,
  y2,
  minWidthPx = 8,
  hatch = false,
  xAxisId,
  yAxisId,
}: {
  bands: readonly Band[];
  /** Any CSS colour, e.g. `var(--color-open)`. */
  color: string;
  /** Fill opacity, 0–1. Default 0.3. */
  opacity?: number;
  /** The band's bottom and top in y data units. */
  y1: number;
  y2: number;
  /** Default 8. */
  minWidthPx?: number;
  /** Diagonal stripes on top of the fill: a second cue besides colour. Default false. */
  hatch?: boolean;
  xAxisId?: string | number;
  yAxisId?: string | number;
}) {
  const xScale = useXAxisScale(xAxisId);
  const yScale = useYAxisScale(yAxisId);
  const d = useMemo(() => {
    if (!xScale || !yScale) return '';
    const top = yScale(y2);
    const bottom = yScale(y1);
    if (top === undefined || bottom === undefined) return '';
    let path = '';
    for (const b of bands) {
      const a = xScale(b.x1);
      const z = xScale(b.x2);
      if (a === undefined || z === undefined || !Number.isFinite(a) || !Number.isFinite(z)) continue;
      const w = Math.max(minWidthPx, z - a);
      path += `M${a},${top}h${w}V${bottom}h${-w}z`;
    }
    return path;
  }, [bands, xScale, yScale, y1, y2, minWidthPx]);
  if (!d) return null;
  const patternId = `hatch-${color.replace(/[^a-z0-9]/gi, '')}`;
  return (
    <g aria-hidden="true">
      <path d={d} fill={color} fillOpacity={opacity} />
      {hatch ? (
        <>
          <defs>
            <pattern id={patternId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="8" stroke={color} strokeWidth="3" strokeOpacity="0.6" />
            </pattern>
          </defs>
          <path d={d} fill={`url(#${patternId})`} />
        </>
      ) : null}
    </g>
  );
}
