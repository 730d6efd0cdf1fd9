/** Store-held settings (key → JSON), changed by Admins through the resource API, audited like any change. */
import { DEFAULT_REVIEWERS_PER_ITEM } from 'contract/labels';
import type { LabelingSettings } from 'contract/resources';
import type { SqlSession } from './database';
import { json } from './rows';

const LABELING_KEY = 'labeling';

export const DEFAULT_LABELING_SETTINGS: LabelingSettings = {
  rootCauseExtensions: [],
  reviewersPerItem: DEFAULT_REVIEWERS_PER_ITEM,
  snapshotQueries: [],
};

export async function readLabelingSettings(session: SqlSession): Promise<LabelingSettings> {
  const row = await session.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [LABELING_KEY]);
  if (!row) {
    return DEFAULT_LABELING_SETTINGS;
  }
  // Settings written by an older plugin may lack newer keys: defaults fill them.
  return { ...DEFAULT_LABELING_SETTINGS, ...(JSON.parse(row.value) as Partial<LabelingSettings>) };
}

export async function writeLabelingSettings(
  session: SqlSession,
  settings: LabelingSettings,
  at: number,
  by: string
): Promise<void> {
  await session.run(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
    [LABELING_KEY, json(settings), at, by]
  );
}
