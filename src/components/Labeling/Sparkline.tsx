import React from 'react';

import { useTheme2 } from '@grafana/ui';

interface Props {
  timestamps: number[];
  values: Array<number | null>;
  /** The incident's span, shaded so before / during / after read at a glance. */
  incidentFrom: number;
  incidentTo: number;
  width?: number;
  height?: number;
  label: string;
}

/**
 * A dependency-free SVG sparkline of a stored series: the snapshot is frozen data, so it needs no panel plugin
 * and renders the same wherever the labeling components run. Gaps (null) break the line instead of bridging it.
 */
export function Sparkline({ timestamps, values, incidentFrom, incidentTo, width = 240, height = 40, label }: Props) {
  const theme = useTheme2();
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (timestamps.length < 2 || finite.length === 0) {
    return null;
  }
  const t0 = timestamps[0];
  const t1 = timestamps[timestamps.length - 1];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const x = (t: number) => ((t - t0) / Math.max(t1 - t0, 1)) * width;
  const y = (v: number) => height - 2 - ((v - min) / (max - min || 1)) * (height - 4);

  const segments: string[] = [];
  let current = '';
  timestamps.forEach((t, i) => {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      if (current) {
        segments.push(current);
      }
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) {
    segments.push(current);
  }
  const shadeFrom = Math.max(0, x(incidentFrom));
  const shadeTo = Math.min(width, x(incidentTo));

  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      {shadeTo > shadeFrom && (
        <rect x={shadeFrom} y={0} width={shadeTo - shadeFrom} height={height} fill={theme.colors.error.transparent} />
      )}
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={theme.colors.primary.main} strokeWidth={1.5} />
      ))}
    </svg>
  );
}
