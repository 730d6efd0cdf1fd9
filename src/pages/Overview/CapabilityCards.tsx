import React from 'react';
import { css } from '@emotion/css';

import { GrafanaTheme2 } from '@grafana/data';
import { Card, Icon, useStyles2 } from '@grafana/ui';

import { CAPABILITIES } from './capabilities';

export function CapabilityCards() {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.grid} aria-label="What Traceo ML does">
      {CAPABILITIES.map((capability) => (
        <li key={capability.title}>
          <Card href={capability.href} noMargin className={styles.card}>
            <Card.Heading>{capability.title}</Card.Heading>
            <Card.Figure>
              <Icon name={capability.icon} size="xl" />
            </Card.Figure>
            <Card.Description>{capability.description}</Card.Description>
          </Card>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    listStyle: 'none',
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
  }),
  card: css({
    height: '100%',
  }),
});
