/** The 0–100 anomaly score contract: comparable across series and detectors. */
export type Severity = 'normal' | 'minor' | 'moderate' | 'critical';

export interface SeverityBands {
  /** Highest score still counted as the band; anything above `moderate` is critical. */
  normal: number;
  minor: number;
  moderate: number;
}

export const DEFAULT_SEVERITY_BANDS: SeverityBands = { normal: 30, minor: 60, moderate: 85 };

export function severityOf(score: number, bands: SeverityBands = DEFAULT_SEVERITY_BANDS): Severity {
  if (score <= bands.normal) {
    return 'normal';
  }
  if (score <= bands.minor) {
    return 'minor';
  }
  if (score <= bands.moderate) {
    return 'moderate';
  }
  return 'critical';
}
