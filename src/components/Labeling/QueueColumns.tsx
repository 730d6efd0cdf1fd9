import { css } from '@emotion/css';
import React, { ReactNode } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

/** The queue on the left, the open item (details, metrics, form) on the right; stacked on narrow screens. */
export function QueueColumns({ queue, children }: { queue: ReactNode; children?: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.columns}>
      {queue}
      {children && (
        <Stack direction="column" gap={3}>
          {children}
        </Stack>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) 3fr',
    gap: theme.spacing(3),
    alignItems: 'start',
    paddingBottom: theme.spacing(4),
    [theme.breakpoints.down('md')]: { gridTemplateColumns: '1fr' },
  }),
});
