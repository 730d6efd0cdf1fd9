import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { TraceoQuery } from '../../types';
import { forecastFields as f } from './ForecastOptions';
import { renderQueryEditor } from './testing/renderQueryEditor';

const renderEditor = (initial: Partial<TraceoQuery> = {}) =>
  renderQueryEditor({ refId: 'A', queryType: 'forecast', expr: 'disk', ...initial });

const user = userEvent.setup({ delay: null });

describe('ForecastOptions in the query editor', () => {
  beforeEach(() => window.localStorage.clear());

  it('is offered for the forecast type only', () => {
    renderEditor({ queryType: 'raw' });
    expect(screen.queryByLabelText(f.horizon.label)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Forecast')).toBeEnabled();
  });

  it('sets the horizon and runs on blur, and holds back an invalid one', async () => {
    const editor = renderEditor();

    await user.type(screen.getByLabelText(f.horizon.label), '12h');
    await user.click(document.body);
    expect(editor.lastQuery().forecast).toEqual({ horizon: '12h' });
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);

    await user.type(screen.getByLabelText(f.trainingWindow.label), '7x');
    await user.click(document.body);
    expect(screen.getByText('Use a duration such as 7d')).toBeInTheDocument();
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers the LSTM with a hint that it trains per query, and runs at once when it is picked', async () => {
    const editor = renderEditor();

    await user.click(screen.getByLabelText(f.models.label));
    expect(screen.getByText(/trained per series on every run/)).toBeInTheDocument();
    await user.click(screen.getByText('LSTM (slower)'));
    expect(editor.lastQuery().forecast).toEqual({ models: ['lstm'] });
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('asks for the direction once a threshold is set, and runs at once when it is picked', async () => {
    const editor = renderEditor();
    expect(screen.queryByLabelText('Below')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(f.threshold.label), '9');
    await user.click(screen.getByLabelText('Below'));

    expect(editor.lastQuery().forecast).toEqual({ threshold: 9, direction: 'below' });
    // Once when the threshold field lost focus, once for the direction.
    expect(editor.onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('picks the interval level at once', async () => {
    const editor = renderEditor();
    await user.click(screen.getByLabelText('80%'));
    expect(editor.lastQuery().forecast).toEqual({ intervalLevel: 0.8 });
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers the alert value in alert output, and drops a threshold-only one when the threshold is cleared', async () => {
    const editor = renderEditor({
      output: 'alert',
      forecast: { threshold: 5, alertValue: 'time_to_threshold_seconds' },
    });
    expect(screen.getByText('Time to threshold')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(f.threshold.label));

    expect(editor.lastQuery().forecast).toEqual({ threshold: undefined, alertValue: undefined });
    expect(screen.queryByText('Time to threshold')).not.toBeInTheDocument();
  });
});
