import { css, cx } from '@emotion/css';
import React, { ReactNode } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';

import { CONFIDENCES, Confidence } from 'contract/labels';

import { labelingTestIds } from './labelingTestIds';

/** A key hint inside a control, so every mouse target also teaches its shortcut. */
export function Kbd({ children }: { children: ReactNode }) {
  const styles = useStyles2(getStyles);
  return <kbd className={styles.kbd}>{children}</kbd>;
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** The key that picks it, shown on the control; none past the keyboard's reach. */
  key?: string;
}

/** One-of-many as large buttons (root causes, verdicts): a radio group whose every option names its key. */
export function ChoiceGrid<V extends string>({
  legend,
  choices,
  value,
  onChange,
}: {
  legend: string;
  choices: Array<Choice<V>>;
  value: V | undefined;
  onChange: (value: V) => void;
}) {
  const styles = useStyles2(getStyles);
  return (
    <fieldset className={styles.fieldset}>
      <legend>
        <Text weight="medium">{legend}</Text>
      </legend>
      <div className={styles.choices} role="radiogroup" aria-label={legend}>
        {choices.map((choice) => {
          const checked = value === choice.value;
          return (
            <button
              key={choice.value}
              type="button"
              role="radio"
              aria-checked={checked}
              className={cx(styles.choice, checked && styles.choiceChecked)}
              onClick={() => onChange(choice.value)}
            >
              {choice.key && <Kbd>{choice.key}</Kbd>}
              {choice.label}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ConfidenceField({
  value,
  onChange,
}: {
  value: Confidence | undefined;
  onChange: (confidence: Confidence) => void;
}) {
  return (
    <Field label="Confidence" description="Keys h / m / l">
      <RadioButtonGroup<Confidence>
        options={CONFIDENCES.map((c) => ({ label: `${c} (${c[0]})`, value: c }))}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}

interface FooterProps {
  onSkip: () => void;
  saving: boolean;
  /** Why the last save failed, or what is still missing. */
  problem: string | undefined;
  /** Confirmation of the last answer. */
  status: string | undefined;
}

/** Save (the form's submit) and skip with their keys, the reason a save failed, and the last confirmation. */
export function SaveSkipFooter({ onSkip, saving, problem, status }: FooterProps) {
  return (
    <>
      {problem && (
        <Alert severity="error" title="Not saved">
          {problem}
        </Alert>
      )}
      <Stack gap={1} alignItems="center">
        <Button type="submit" icon={saving ? 'spinner' : 'check'} disabled={saving}>
          Save <Kbd>Enter</Kbd>
        </Button>
        <Button type="button" variant="secondary" icon="arrow-right" onClick={onSkip} disabled={saving}>
          Skip <Kbd>s</Kbd>
        </Button>
        <span role="status" data-testid={labelingTestIds.formStatus}>
          {status && <Text color="success">{status}</Text>}
        </span>
      </Stack>
    </>
  );
}

/** Escape hands the keyboard back to the shortcuts without losing what was typed. */
export function blurOnEscape(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key === 'Escape') {
    event.currentTarget.blur();
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  fieldset: css({ border: 'none', margin: 0, padding: 0 }),
  choices: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  }),
  choice: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 1),
    textAlign: 'left',
    color: theme.colors.text.primary,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    cursor: 'pointer',
    '&:hover': { borderColor: theme.colors.border.strong },
  }),
  choiceChecked: css({
    borderColor: theme.colors.primary.border,
    background: theme.colors.primary.transparent,
  }),
  kbd: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0, 0.5),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.secondary,
  }),
});
