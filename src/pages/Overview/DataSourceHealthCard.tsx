import React from 'react';
import { DataSourceInstanceSettings } from '@grafana/data';
import { Alert, Badge, Button, Card, LinkButton, LoadingPlaceholder, Stack, Text } from '@grafana/ui';

import { useDataSourceHealth } from 'components/DataSource/useDataSourceHealth';

import { GRAFANA_LINKS } from '../../constants';

interface Props {
  dataSource: DataSourceInstanceSettings;
}

/** The result of the data source's health check, with the way out when it fails. */
export function DataSourceHealthCard({ dataSource }: Props) {
  const { health, retry } = useDataSourceHealth(dataSource.uid);
  const settingsLink = GRAFANA_LINKS.editDataSource(dataSource.uid);

  if (health.status === 'loading') {
    return <LoadingPlaceholder text={`Checking ${dataSource.name}…`} />;
  }

  if (health.status === 'error') {
    return (
      <Alert severity="error" title={`${dataSource.name} is not working`}>
        <Stack direction="column" gap={1}>
          <Text>{health.message}</Text>
          {health.hint && <Text color="secondary">{health.hint}</Text>}
          <Stack gap={1}>
            <LinkButton href={settingsLink} icon="cog" variant="secondary" size="sm">
              Open data source settings
            </LinkButton>
            <Button onClick={retry} icon="sync" variant="secondary" size="sm">
              Check again
            </Button>
          </Stack>
        </Stack>
      </Alert>
    );
  }

  return (
    <Card noMargin>
      <Card.Heading>{dataSource.name}</Card.Heading>
      <Card.Figure>
        <img src={dataSource.meta.info.logos.small} alt="" width={40} height={40} />
      </Card.Figure>
      <Card.Meta>{[`uid: ${dataSource.uid}`]}</Card.Meta>
      <Card.Description>{health.message}</Card.Description>
      <Card.Tags>
        <Badge color="green" icon="check" text="Connected" />
      </Card.Tags>
      <Card.Actions>
        <LinkButton href={settingsLink} icon="cog" variant="secondary" size="sm">
          Settings
        </LinkButton>
        <Button onClick={retry} icon="sync" variant="secondary" size="sm">
          Check again
        </Button>
      </Card.Actions>
    </Card>
  );
}
