import React from 'react';

import { dateTimeFormat } from '@grafana/data';
import { Text } from '@grafana/ui';

import { Incident } from 'contract/resources';

import { LabelQueue } from './LabelQueue';

interface Props {
  incidents: Incident[];
  selectedId: string | undefined;
  login: string | undefined;
  onSelect: (id: string) => void;
}

/** The incident queue (most informative first): title, then service, severity and start. */
export function IncidentQueue({ incidents, ...rest }: Props) {
  return (
    <LabelQueue
      {...rest}
      items={incidents}
      label="Incident queue"
      title={(incident) => incident.title}
      meta={(incident) => (
        <Text variant="bodySmall" color="secondary">
          {[incident.service, incident.severity, dateTimeFormat(incident.startedAt)].filter(Boolean).join(' · ')}
        </Text>
      )}
    />
  );
}
