import React, { useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { AppRootProps } from '@grafana/data';
import { useSceneApp } from '@grafana/scenes';

import { TraceoAppJsonData } from 'contract/settings';

import { ROUTES } from '../../constants';
import { AppSettingsContext } from './AppSettingsContext';
import { createTraceoSceneApp } from './traceoSceneApp';

/** Root page of the app, mounted by Grafana under `/a/traceo-ml-app/*`. */
export default function App({ meta }: AppRootProps<TraceoAppJsonData>) {
  const sceneApp = useSceneApp(createTraceoSceneApp);
  const settings = useMemo(() => meta.jsonData ?? {}, [meta.jsonData]);

  return (
    <AppSettingsContext.Provider value={settings}>
      <Routes>
        {/* A bare /a/traceo-ml-app (an old bookmark, a typed URL) lands on the Overview, not on "Not found". */}
        <Route index element={<Navigate to={ROUTES.Overview} replace />} />
        <Route path="*" element={<sceneApp.Component model={sceneApp} />} />
      </Routes>
    </AppSettingsContext.Provider>
  );
}
