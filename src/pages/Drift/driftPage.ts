import { ROUTES } from '../../constants';
import { scenePage } from '../scenePage';
import { Drift } from './Drift';

export const driftPage = () =>
  scenePage({
    title: 'Drift',
    subTitle: 'Know when data stops looking like what the models learned from.',
    route: ROUTES.Drift,
    titleIcon: 'chart-line',
    component: Drift,
  });
