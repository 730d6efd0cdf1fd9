import { createContext, useContext } from 'react';

import { TraceoAppJsonData } from 'contract/settings';

/**
 * The app's jsonData, handed to every page. Scenes caches the SceneApp for the lifetime of the module
 * (`useSceneApp` keys on the factory), so settings cannot be baked into the scene objects: they flow through
 * React context instead and stay current after the config page saves and reloads.
 */
export const AppSettingsContext = createContext<TraceoAppJsonData>({});

export function useAppSettings(): TraceoAppJsonData {
  return useContext(AppSettingsContext);
}
