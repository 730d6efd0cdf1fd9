import { css } from '@emotion/css';
import React, { KeyboardEvent } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { InlineField, Stack, TextArea, useStyles2 } from '@grafana/ui';

import { selectors } from '../../selectors';
import { QueryHistoryMenu } from './QueryHistoryMenu';

interface Props {
  value: string;
  history: string[];
  onChange: (expr: string) => void;
  /** Leaving the field runs the query if it changed, as Grafana's own query fields do. */
  onBlur: () => void;
  /** Shift+Enter: run now. */
  onRun: () => void;
  onPickFromHistory: (expr: string) => void;
}

/**
 * The PromQL input. A plain text area rather than @grafana/prometheus' Monaco editor: that editor needs a
 * Prometheus data source's language provider (metric and label lookups), which this data source does not expose.
 */
export function ExprField({ value, history, onChange, onBlur, onRun, onPickFromHistory }: Props) {
  const styles = useStyles2(getStyles);
  const { id, label } = selectors.queryEditor.expr;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      onRun();
    }
  };

  return (
    <InlineField
      label={label}
      htmlFor={id}
      labelWidth={14}
      grow
      tooltip="PromQL expression. Shift+Enter runs the query."
    >
      <Stack direction="column" gap={0.5} grow={1}>
        <TextArea
          id={id}
          className={styles.code}
          rows={3}
          value={value}
          placeholder={'e.g. rate(http_requests_total{job="api"}[5m])'}
          spellCheck={false}
          onChange={(event) => onChange(event.currentTarget.value)}
          onBlur={onBlur}
          onKeyDown={onKeyDown}
        />
        <div>
          <QueryHistoryMenu history={history} onSelect={onPickFromHistory} />
        </div>
      </Stack>
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
