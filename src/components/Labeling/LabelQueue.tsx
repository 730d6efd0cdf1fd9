import { css, cx } from '@emotion/css';
import React, { ReactNode } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Icon, Stack, Text, useStyles2 } from '@grafana/ui';

import { labelingTestIds } from './labelingTestIds';
import { LabelStateBadge } from './LabelStateBadge';
import { answeredBy, LabeledItem } from './progress';

interface Props<T extends LabeledItem> {
  items: T[];
  selectedId: string | undefined;
  login: string | undefined;
  onSelect: (id: string) => void;
  /** Accessible name of the list, e.g. "Incident queue". */
  label: string;
  title: (item: T) => string;
  /** Facts next to the label state badge (service, score, time…). */
  meta: (item: T) => ReactNode;
}

/** A queue in the server's order; the reviewer's answered items are marked, not hidden. Either item kind. */
export function LabelQueue<T extends LabeledItem>({
  items,
  selectedId,
  login,
  onSelect,
  label,
  title,
  meta,
}: Props<T>) {
  const styles = useStyles2(getStyles);
  return (
    <ol className={styles.list} data-testid={labelingTestIds.queue} aria-label={label}>
      {items.map((item, index) => {
        const selected = item.id === selectedId;
        return (
          <li key={item.id}>
            <button
              type="button"
              className={cx(styles.item, selected && styles.selected)}
              aria-current={selected ? 'true' : undefined}
              data-testid={labelingTestIds.queueItem(item.id)}
              onClick={() => onSelect(item.id)}
            >
              <Stack direction="column" gap={0.5}>
                <Stack justifyContent="space-between" alignItems="center">
                  <Text weight="medium" truncate>
                    {index + 1}. {title(item)}
                  </Text>
                  {answeredBy(item, login) && (
                    <Icon name="check-circle" title="You answered this one" className={styles.mine} />
                  )}
                </Stack>
                <Stack gap={1} alignItems="center" wrap="wrap">
                  <LabelStateBadge state={item.labeling.state} />
                  {meta(item)}
                </Stack>
              </Stack>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    maxHeight: '70vh',
    overflowY: 'auto',
  }),
  item: css({
    width: '100%',
    textAlign: 'left',
    padding: theme.spacing(1, 1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    cursor: 'pointer',
    '&:hover': { background: theme.colors.action.hover },
  }),
  selected: css({
    borderColor: theme.colors.primary.border,
    boxShadow: `inset 3px 0 0 ${theme.colors.primary.main}`,
  }),
  mine: css({ color: theme.colors.success.text, flexShrink: 0 }),
});
