import { css } from '@emotion/css';
import React from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Stack, Text, useStyles2 } from '@grafana/ui';

import { labelingTestIds } from './labelingTestIds';
import { QueueProgressCounts } from './progress';

interface Props {
  counts: QueueProgressCounts;
}

/** Labeled / total, the reviewer's own share and how much already counts as ground truth (consensus). */
export function QueueProgress({ counts }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.grid} data-testid={labelingTestIds.progress} aria-label="Labeling progress">
      <Meter label="Labeled" value={counts.labeled} total={counts.total} color="primary" />
      <Meter label="Mine" value={counts.mine} total={counts.total} color="info" />
      <Meter label="Consensus" value={counts.consensus} total={counts.total} color="success" />
      <Meter label="Disagreements" value={counts.disagreement} total={counts.total} color="warning" />
    </div>
  );
}

type MeterColor = 'primary' | 'info' | 'success' | 'warning';

function Meter({ label, value, total, color }: { label: string; value: number; total: number; color: MeterColor }) {
  const styles = useStyles2(getStyles);
  const share = total > 0 ? value / total : 0;
  return (
    <Stack direction="column" gap={0.5}>
      <Stack justifyContent="space-between">
        <Text variant="bodySmall" color="secondary">
          {label}
        </Text>
        <Text variant="bodySmall" data-testid={labelingTestIds.progressValue(label)}>
          {value} / {total}
        </Text>
      </Stack>
      <div
        className={styles.track}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={value}
      >
        <div className={styles.bar(color)} style={{ width: `${share * 100}%` }} />
      </div>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: theme.spacing(2),
  }),
  track: css({
    height: theme.spacing(0.75),
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.background.secondary,
    overflow: 'hidden',
  }),
  bar: (color: MeterColor) =>
    css({
      height: '100%',
      background: theme.colors[color].main,
      transition: 'width 0.3s ease',
    }),
});
