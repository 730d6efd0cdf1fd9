import React, { useRef, useState } from 'react';

import { QueryEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';

import { DEFAULT_QUERY, OutputMode, QueryType } from 'contract/query';

import { DataSource } from '../../datasource';
import { selectors } from '../../selectors';
import { TraceoDataSourceOptions, TraceoQuery } from '../../types';
import { AnomalyOptions } from './AnomalyOptions';
import { ExprField } from './ExprField';
import { ForecastOptions } from './ForecastOptions';
import { OptionsRow } from './OptionsRow';
import { loadQueryHistory, rememberQuery } from './queryHistory';
import { QueryTypeField } from './QueryTypeField';
import { UnavailableTypeAlert } from './UnavailableTypeAlert';

export type Props = QueryEditorProps<DataSource, TraceoQuery, TraceoDataSourceOptions>;

/** The query row of panels, Explore, annotations and alert rules. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const [history, setHistory] = useState(loadQueryHistory);
  // The last query run from this editor: blur fires on every focus change, and re-running an unchanged query
  // would only reload the panel.
  const lastRun = useRef<TraceoQuery | undefined>(undefined);

  const queryType = query.queryType ?? DEFAULT_QUERY.queryType ?? 'raw';
  const output = query.output ?? DEFAULT_QUERY.output ?? 'panel';

  const run = (next: TraceoQuery = query) => {
    lastRun.current = next;
    if (next.expr?.trim()) {
      setHistory(rememberQuery(next.expr));
    }
    onRunQuery();
  };

  const runIfChanged = () => {
    if (!lastRun.current || !sameQuery(lastRun.current, query)) {
      run();
    }
  };

  // Discrete choices apply at once, like Grafana's own editors; typed text waits for blur or Shift+Enter.
  const changeAndRun = (patch: Partial<TraceoQuery>) => {
    const next = { ...query, ...patch };
    onChange(next);
    run(next);
  };

  return (
    <div data-testid={selectors.queryEditor.container}>
      <Stack direction="column" gap={1}>
        <QueryTypeField value={queryType} onChange={(type: QueryType) => changeAndRun({ queryType: type })} />
        <UnavailableTypeAlert type={queryType} onSwitchToRaw={() => changeAndRun({ queryType: 'raw' })} />
        <ExprField
          value={query.expr ?? ''}
          history={history}
          onChange={(expr) => onChange({ ...query, expr })}
          onBlur={runIfChanged}
          onRun={() => run()}
          onPickFromHistory={(expr) => changeAndRun({ expr })}
        />
        <OptionsRow
          legendFormat={query.legendFormat ?? ''}
          step={query.step ?? ''}
          output={output}
          onLegendFormatChange={(legendFormat) => onChange({ ...query, legendFormat })}
          onStepChange={(step) => onChange({ ...query, step })}
          onOutputChange={(mode: OutputMode) => changeAndRun({ output: mode })}
          onBlur={runIfChanged}
        />
        {queryType === 'anomaly' && (
          <AnomalyOptions
            options={query.anomaly ?? {}}
            output={output}
            onChange={(anomaly) => onChange({ ...query, anomaly })}
            onChangeAndRun={(anomaly) => changeAndRun({ anomaly })}
            onBlur={runIfChanged}
          />
        )}
        {queryType === 'forecast' && (
          <ForecastOptions
            options={query.forecast ?? {}}
            output={output}
            onChange={(forecast) => onChange({ ...query, forecast })}
            onChangeAndRun={(forecast) => changeAndRun({ forecast })}
            onBlur={runIfChanged}
          />
        )}
      </Stack>
    </div>
  );
}

function sameQuery(a: TraceoQuery, b: TraceoQuery): boolean {
  return (
    a.queryType === b.queryType &&
    a.expr === b.expr &&
    a.legendFormat === b.legendFormat &&
    a.step === b.step &&
    a.output === b.output &&
    JSON.stringify(a.forecast) === JSON.stringify(b.forecast) &&
    JSON.stringify(a.anomaly) === JSON.stringify(b.anomaly)
  );
}
