import React from 'react';

import { dateTimeFormat } from '@grafana/data';
import { Button, Card, EmptyState, Stack, Text } from '@grafana/ui';

import { Disagreement } from 'contract/resources';

import { humanizeCategory } from './agreementText';
import { labelingTestIds } from './labelingTestIds';

interface Props {
  disagreements: Disagreement[];
  onOpen: (itemId: string) => void;
}

/**
 * Items whose reviewers disagree, with every answer side by side, so a third reviewer can settle them. Each list
 * holds one kind (the queue it is shown in), so Review opens the item in that same queue.
 */
export function DisagreementList({ disagreements, onOpen }: Props) {
  if (disagreements.length === 0) {
    return (
      <div data-testid={labelingTestIds.disagreements}>
        <EmptyState variant="completed" message="No disagreements">
          <Text color="secondary">Every item with two reviews has a consensus so far.</Text>
        </EmptyState>
      </div>
    );
  }
  return (
    <Stack direction="column" gap={1} data-testid={labelingTestIds.disagreements}>
      {disagreements.map((item) => (
        <Card key={`${item.kind}:${item.itemId}`}>
          <Card.Heading>{item.title}</Card.Heading>
          <Card.Description>
            <ul aria-label={`Answers for ${item.title}`} style={{ margin: 0, paddingLeft: 16 }}>
              {item.answers.map((answer) => (
                <li key={answer.reviewer}>
                  <Text weight="medium">{answer.reviewer}</Text>: {humanizeCategory(answer.category)}
                  {answer.confidence && <Text color="secondary"> ({answer.confidence} confidence)</Text>}
                  <Text color="secondary" variant="bodySmall">
                    {' '}
                    · {dateTimeFormat(answer.updatedAt)}
                  </Text>
                  {answer.note && <Text italic> — {answer.note}</Text>}
                </li>
              ))}
            </ul>
          </Card.Description>
          <Card.Actions>
            <Button size="sm" variant="secondary" icon="eye" onClick={() => onOpen(item.itemId)}>
              Review
            </Button>
          </Card.Actions>
        </Card>
      ))}
    </Stack>
  );
}
