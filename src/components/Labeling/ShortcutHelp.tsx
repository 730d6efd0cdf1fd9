import React from 'react';

import { Modal } from '@grafana/ui';

import { labelingTestIds } from './labelingTestIds';
import { SHORTCUT_HELP } from './shortcuts';

/** The key list; `?` toggles it and the page footer points to it, so the shortcuts are discoverable. */
export function ShortcutHelp({ isOpen, onDismiss }: { isOpen: boolean; onDismiss: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" isOpen={isOpen} onDismiss={onDismiss}>
      <table data-testid={labelingTestIds.help}>
        <tbody>
          {SHORTCUT_HELP.map(({ keys, description }) => (
            <tr key={keys}>
              <th scope="row" style={{ textAlign: 'left', paddingRight: 24 }}>
                <kbd>{keys}</kbd>
              </th>
              <td>{description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
