import React from 'react';

import { Button, Dropdown, Menu } from '@grafana/ui';

import { selectors } from '../../selectors';

interface Props {
  history: string[];
  onSelect: (expr: string) => void;
}

/** Recently run expressions of this browser, most recent first. */
export function QueryHistoryMenu({ history, onSelect }: Props) {
  const label = selectors.queryEditor.history;
  if (history.length === 0) {
    return (
      <Button icon="history" variant="secondary" size="sm" disabled tooltip="Run a query to start the history">
        {label}
      </Button>
    );
  }
  const menu = (
    <Menu>
      {history.map((expr) => (
        <Menu.Item key={expr} label={expr} onClick={() => onSelect(expr)} />
      ))}
    </Menu>
  );
  return (
    <Dropdown overlay={menu} placement="bottom-start">
      <Button icon="history" variant="secondary" size="sm">
        {label}
      </Button>
    </Dropdown>
  );
}
