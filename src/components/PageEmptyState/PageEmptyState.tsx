import { css } from '@emotion/css';
import React, { ReactNode } from 'react';

import { GrafanaTheme2, IconName } from '@grafana/data';
import { EmptyState, LinkButton, Stack, Text, useStyles2 } from '@grafana/ui';

export interface EmptyStateAction {
  label: string;
  href: string;
  icon?: IconName;
}

interface Props {
  testId: string;
  /** One line: what is missing. */
  message: string;
  /** What the page will show once there is data. */
  description: string;
  /** What the user does to get there, in order. */
  steps: ReactNode[];
  primaryAction?: EmptyStateAction;
  secondaryAction?: EmptyStateAction;
}

/**
 * The designed empty state every app page shares: what is missing, what will appear, and the steps to get it.
 * An empty page that does not say how to fill it is a dead end.
 */
export function PageEmptyState({ testId, message, description, steps, primaryAction, secondaryAction }: Props) {
  const styles = useStyles2(getStyles);
  const button =
    primaryAction || secondaryAction ? (
      <Stack gap={1} justifyContent="center" wrap="wrap">
        {primaryAction && <ActionButton action={primaryAction} variant="primary" />}
        {secondaryAction && <ActionButton action={secondaryAction} variant="secondary" />}
      </Stack>
    ) : undefined;

  return (
    <div data-testid={testId} className={styles.container}>
      <EmptyState variant="call-to-action" message={message} button={button}>
        <Stack direction="column" gap={2} alignItems="center">
          <Text color="secondary">{description}</Text>
          <ol className={styles.steps} aria-label="How to get started">
            {steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </Stack>
      </EmptyState>
    </div>
  );
}

function ActionButton({ action, variant }: { action: EmptyStateAction; variant: 'primary' | 'secondary' }) {
  return (
    <LinkButton href={action.href} icon={action.icon} variant={variant}>
      {action.label}
    </LinkButton>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    maxWidth: theme.breakpoints.values.md,
    margin: theme.spacing(4, 'auto'),
  }),
  steps: css({
    textAlign: 'left',
    margin: 0,
    paddingLeft: theme.spacing(3),
    color: theme.colors.text.secondary,
    '& > li': {
      marginBottom: theme.spacing(1),
    },
  }),
});
