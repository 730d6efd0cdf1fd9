import { css, cx } from '@emotion/css';
import React from 'react';

import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import { Icon, Stack, Text, useStyles2 } from '@grafana/ui';

import { Incident } from 'contract/resources';

import { labelingTestIds } from './labelingTestIds';
import { LabelStateBadge } from './LabelStateBadge';
import { answeredBy } from './progress';

interface Props {
  incidents: Incident[];
  selectedId: string | undefined;
  login: string | undefined;
  onSelect: (id: string) => void;
}

/** The queue in the server's order (most informative first); the reviewer's answered items are marked, not hidden. */
export function IncidentQueue({ incidents, selectedId, login, onSelect }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <ol className={styles.list} data-testid={labelingTestIds.queue} aria-label="Incident queue">
      {incidents.map((incident, index) => {
        const selected = incident.id === selectedId;
        const mine = answeredBy(incident, login);
        return (
          <li key={incident.id}>
            <button
              type="button"
              className={cx(styles.item, selected && styles.selected)}
              aria-current={selected ? 'true' : undefined}
              data-testid={labelingTestIds.queueItem(incident.id)}
              onClick={() => onSelect(incident.id)}
            >
              <Stack direction="column" gap={0.5}>
                <Stack justifyContent="space-between" alignItems="center">
                  <Text weight="medium" truncate>
                    {index + 1}. {incident.title}
                  </Text>
                  {mine && <Icon name="check-circle" title="You answered this one" className={styles.mine} />}
                </Stack>
                <Stack gap={1} alignItems="center" wrap="wrap">
                  <LabelStateBadge state={incident.labeling.state} />
                  <Text variant="bodySmall" color="secondary">
                    {[incident.service, incident.severity, dateTimeFormat(incident.startedAt)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
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
