import React, { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { AnomalyQueryOptions, OutputMode } from 'contract/query';

import { TraceoQuery } from '../../types';
import { anomalyFields as f, AnomalyOptions, parsePeriods } from './AnomalyOptions';
import { renderQueryEditor } from './testing/renderQueryEditor';

/** Keeps the options in state like the query editor does, and records what it was told. */
function renderOptions(initial: AnomalyQueryOptions = {}, output: OutputMode = 'panel') {
  const onChange = jest.fn();
  const onChangeAndRun = jest.fn();
  const onBlur = jest.fn();
  function Harness() {
    const [options, setOptions] = useState(initial);
    return (
      <AnomalyOptions
        options={options}
        output={output}
        onChange={(next) => {
          onChange(next);
          setOptions(next);
        }}
        onChangeAndRun={(next) => {
          onChangeAndRun(next);
          setOptions(next);
        }}
        onBlur={onBlur}
      />
    );
  }
  render(<Harness />);
  return {
    onChange,
    onChangeAndRun,
    onBlur,
    last: (mock: jest.Mock) => mock.mock.calls[mock.mock.calls.length - 1][0],
  };
}

const user = userEvent.setup({ delay: null });

describe('AnomalyOptions', () => {
  it('sets the sensitivity as typed and runs on blur', async () => {
    const editor = renderOptions();
    await user.type(screen.getByLabelText(f.sensitivity.label), '0.8');
    await user.click(document.body);
    expect(editor.last(editor.onChange)).toEqual({ sensitivity: 0.8 });
    expect(editor.onBlur).toHaveBeenCalledTimes(1);
  });

  it('holds back a training window that is not a duration', async () => {
    const editor = renderOptions({ trainingWindow: '14d' });
    await user.type(screen.getByLabelText(f.trainingWindow.label), 'x');
    await user.click(document.body);
    expect(editor.last(editor.onChange)).toEqual({ trainingWindow: '14dx' });
    expect(screen.getByText('Use a duration such as 7d')).toBeInTheDocument();
    expect(editor.onBlur).not.toHaveBeenCalled();
  });

  it('applies discrete choices at once: direction and annotation severity', async () => {
    const editor = renderOptions();
    await user.click(screen.getByRole('radio', { name: 'Up' }));
    expect(editor.last(editor.onChangeAndRun)).toEqual({ direction: 'up' });
    await user.click(screen.getByRole('radio', { name: 'Critical' }));
    expect(editor.last(editor.onChangeAndRun)).toEqual({ direction: 'up', annotationSeverity: 'critical' });
  });

  it('shows the default detectors and records the whole choice when one is removed', async () => {
    const editor = renderOptions();
    expect(screen.getByText('Novel value')).toBeInTheDocument();
    expect(screen.getByText('Level shift')).toBeInTheDocument();
    expect(screen.queryByText('Volatility')).not.toBeInTheDocument();
    expect(screen.queryByText('Autoencoder (slower)')).not.toBeInTheDocument();

    const chip = screen.getByText('Isolation forest').parentElement!;
    await user.click(within(chip).getByRole('button', { name: 'Remove' }));
    expect(editor.last(editor.onChangeAndRun)).toEqual({
      detectors: {
        novelty: true,
        shift: true,
        volatility: false,
        isolationForest: false,
        robustCovariance: true,
        autoencoder: false,
      },
    });
  });

  it('offers the autoencoder as an opt-in detector and records it on', async () => {
    const editor = renderOptions();
    await user.click(screen.getByLabelText(f.detectors.label));
    await user.click(await screen.findByText('Autoencoder (slower)'));
    expect(editor.last(editor.onChangeAndRun)).toEqual({
      detectors: {
        novelty: true,
        shift: true,
        volatility: false,
        isolationForest: true,
        robustCovariance: true,
        autoencoder: true,
      },
    });
  });

  it('asks for the periods of a custom seasonality', async () => {
    const editor = renderOptions({ seasonality: ['1d'] });
    const periods = screen.getByLabelText(f.periods.label);
    await user.clear(periods);
    await user.type(periods, '1d, 1w');
    expect(editor.last(editor.onChange)).toEqual({ seasonality: ['1d', '1w'] });
    await user.type(periods, ', soon');
    await user.click(document.body);
    expect(screen.getByText('Durations separated by commas, e.g. 1d, 1w')).toBeInTheDocument();
    expect(editor.onBlur).not.toHaveBeenCalled();
  });

  it('offers the annotation severity for panel output only', () => {
    renderOptions({}, 'alert');
    expect(screen.queryByRole('radio', { name: 'Critical' })).not.toBeInTheDocument();
  });
});

describe('AnomalyOptions in the query editor', () => {
  const renderEditor = (initial: Partial<TraceoQuery>) => renderQueryEditor({ refId: 'A', expr: 'up', ...initial });

  it('is offered for the anomaly type, which can be picked', async () => {
    const editor = renderEditor({ queryType: 'raw' });
    expect(screen.queryByLabelText(f.sensitivity.label)).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Anomaly' }));
    expect(screen.getByLabelText(f.sensitivity.label)).toBeInTheDocument();
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('runs again when only an anomaly option changed', async () => {
    const editor = renderEditor({ queryType: 'anomaly' });
    await user.type(screen.getByLabelText(f.trainingWindow.label), '3d');
    await user.click(document.body);
    expect(editor.onChange).toHaveBeenLastCalledWith(expect.objectContaining({ anomaly: { trainingWindow: '3d' } }));
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });
});

describe('parsePeriods', () => {
  it('splits on commas and drops blanks', () => {
    expect(parsePeriods(' 1d,1w , ,')).toEqual(['1d', '1w']);
    expect(parsePeriods('')).toEqual([]);
  });
});
