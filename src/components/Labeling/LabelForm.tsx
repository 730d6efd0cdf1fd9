import { css, cx } from '@emotion/css';
import React, { RefObject } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';

import { CONFIDENCES, Confidence } from 'contract/labels';

import { humanizeCategory } from './agreementText';
import { labelingTestIds } from './labelingTestIds';
import { MAX_ROOT_CAUSE_KEYS } from './shortcuts';

export interface LabelDraft {
  rootCause: string | undefined;
  component: string;
  confidence: Confidence | undefined;
}

export const EMPTY_DRAFT: LabelDraft = { rootCause: undefined, component: '', confidence: undefined };

interface Props {
  rootCauses: string[];
  draft: LabelDraft;
  onChange: (draft: LabelDraft) => void;
  onSave: () => void;
  onSkip: () => void;
  saving: boolean;
  /** Why the last save failed, or what is still missing. */
  problem: string | undefined;
  /** Confirmation of the last answer. */
  status: string | undefined;
  componentRef: RefObject<HTMLInputElement>;
}

/** Root cause, component and confidence; every control shows its key so the mouse is optional. */
export function LabelForm({
  rootCauses,
  draft,
  onChange,
  onSave,
  onSkip,
  saving,
  problem,
  status,
  componentRef,
}: Props) {
  const styles = useStyles2(getStyles);
  return (
    <form
      data-testid={labelingTestIds.form}
      aria-label="Label this incident"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <Stack direction="column" gap={2}>
        <fieldset className={styles.fieldset}>
          <legend>
            <Text weight="medium">Root cause</Text>
          </legend>
          <div className={styles.causes} role="radiogroup" aria-label="Root cause">
            {rootCauses.map((cause, index) => {
              const checked = draft.rootCause === cause;
              return (
                <button
                  key={cause}
                  type="button"
                  role="radio"
                  aria-checked={checked}
                  className={cx(styles.cause, checked && styles.causeChecked)}
                  onClick={() => onChange({ ...draft, rootCause: cause })}
                >
                  {index < MAX_ROOT_CAUSE_KEYS && <kbd className={styles.kbd}>{index + 1}</kbd>}
                  {humanizeCategory(cause)}
                </button>
              );
            })}
          </div>
        </fieldset>
        <Field label="Affected component" description="Optional, e.g. orders-db (key c)">
          <Input
            ref={componentRef}
            value={draft.component}
            placeholder="component"
            onChange={(event) => onChange({ ...draft, component: event.currentTarget.value })}
            onKeyDown={(event) => {
              // Escape hands the keyboard back to the shortcuts without losing what was typed.
              if (event.key === 'Escape') {
                event.currentTarget.blur();
              }
            }}
          />
        </Field>
        <Field label="Confidence" description="Keys h / m / l">
          <RadioButtonGroup<Confidence>
            options={CONFIDENCES.map((c) => ({ label: `${c} (${c[0]})`, value: c }))}
            value={draft.confidence}
            onChange={(confidence) => onChange({ ...draft, confidence })}
          />
        </Field>
        {problem && (
          <Alert severity="error" title="Not saved">
            {problem}
          </Alert>
        )}
        <Stack gap={1} alignItems="center">
          <Button type="submit" icon={saving ? 'spinner' : 'check'} disabled={saving}>
            Save <kbd className={styles.kbd}>Enter</kbd>
          </Button>
          <Button type="button" variant="secondary" icon="arrow-right" onClick={onSkip} disabled={saving}>
            Skip <kbd className={styles.kbd}>s</kbd>
          </Button>
          <span role="status" data-testid={labelingTestIds.formStatus}>
            {status && <Text color="success">{status}</Text>}
          </span>
        </Stack>
      </Stack>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  fieldset: css({ border: 'none', margin: 0, padding: 0 }),
  causes: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  }),
  cause: css({
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
  causeChecked: css({
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
