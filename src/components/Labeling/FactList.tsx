import React, { ReactNode } from 'react';

import { Text } from '@grafana/ui';

/** Name / value pairs as a definition list; empty values are left out rather than shown as blanks. */
export function FactList({ facts }: { facts: Array<[string, ReactNode]> }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 4, margin: 0 }}>
      {facts
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([name, value]) => (
          <React.Fragment key={name}>
            <dt>
              <Text color="secondary">{name}</Text>
            </dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </React.Fragment>
        ))}
    </dl>
  );
}
