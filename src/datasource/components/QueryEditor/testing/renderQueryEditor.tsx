import React, { useState } from 'react';
import { render } from '@testing-library/react';

import { DataSource } from '../../../datasource';
import { TraceoQuery } from '../../../types';
import { QueryEditor } from '../QueryEditor';

/**
 * Renders the query editor with its query kept in state like a panel editor does, so typing accumulates and
 * blur sees the latest text; records every change and every run.
 */
export function renderQueryEditor(initial: TraceoQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  function Harness() {
    const [query, setQuery] = useState<TraceoQuery>(initial);
    return (
      <QueryEditor
        datasource={{} as DataSource}
        query={query}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
        onRunQuery={onRunQuery}
      />
    );
  }
  render(<Harness />);
  return { onChange, onRunQuery, lastQuery: (): TraceoQuery => onChange.mock.calls[onChange.mock.calls.length - 1][0] };
}
