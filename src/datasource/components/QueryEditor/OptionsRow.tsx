import React from 'react';

import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import { OutputMode } from 'contract/query';

import { selectors } from '../../selectors';
import { isValidStep } from './step';

const OUTPUT_OPTIONS = [
  { label: 'Panel', value: 'panel' as const, description: 'Rich frames: bands, scores and annotations.' },
  { label: 'Alert', value: 'alert' as const, description: 'Numeric series with labels only, as alert rules need.' },
];

interface Props {
  legendFormat: string;
  step: string;
  output: OutputMode;
  onLegendFormatChange: (legendFormat: string) => void;
  onStepChange: (step: string) => void;
  onOutputChange: (output: OutputMode) => void;
  /** Leaving a text field runs the query if it changed. */
  onBlur: () => void;
}

export function OptionsRow(props: Props) {
  const { legendFormat, step, output, onLegendFormatChange, onStepChange, onOutputChange, onBlur } = props;
  const { legendFormat: legend, step: stepField, output: outputField } = selectors.queryEditor;
  const stepValid = isValidStep(step);

  return (
    <InlineFieldRow>
      <InlineField
        label={legend.label}
        labelWidth={14}
        tooltip="Series name template in Prometheus style, e.g. {{instance}}. Empty uses the labels."
      >
        <Input
          id={legend.id}
          width={24}
          value={legendFormat}
          placeholder="{{instance}}"
          onChange={(event) => onLegendFormatChange(event.currentTarget.value)}
          onBlur={onBlur}
        />
      </InlineField>
      <InlineField
        label={stepField.label}
        tooltip="Overrides the step derived from the panel width, e.g. 30s or 1m."
        invalid={!stepValid}
        error={stepValid ? undefined : 'Use a Prometheus duration such as 30s or 1m30s'}
      >
        <Input
          id={stepField.id}
          width={12}
          value={step}
          placeholder="auto"
          onChange={(event) => onStepChange(event.currentTarget.value)}
          // An invalid step would only come back as a backend error; wait until it is fixed.
          onBlur={() => stepValid && onBlur()}
        />
      </InlineField>
      <InlineField label={outputField.label} tooltip="Use Alert in alert and recording rules.">
        <RadioButtonGroup<OutputMode>
          id={outputField.id}
          aria-label={outputField.label}
          options={OUTPUT_OPTIONS}
          value={output}
          onChange={onOutputChange}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
