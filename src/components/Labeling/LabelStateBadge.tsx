import React from 'react';

import { BadgeColor, Badge, IconName } from '@grafana/ui';

import { LabelState } from 'contract/labels';

const LOOK: Record<LabelState, { text: string; color: BadgeColor; icon: IconName }> = {
  unlabeled: { text: 'Unlabeled', color: 'blue', icon: 'circle' },
  partial: { text: 'Needs a 2nd review', color: 'orange', icon: 'user' },
  consensus: { text: 'Consensus', color: 'green', icon: 'check' },
  disagreement: { text: 'Disagreement', color: 'red', icon: 'exclamation-triangle' },
};

export function LabelStateBadge({ state }: { state: LabelState }) {
  const look = LOOK[state];
  return <Badge text={look.text} color={look.color} icon={look.icon} />;
}
