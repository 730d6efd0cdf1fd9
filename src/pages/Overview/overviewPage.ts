import { ROUTES } from '../../constants';
import { scenePage } from '../scenePage';
import { Overview } from './Overview';

export const overviewPage = () =>
  scenePage({
    title: 'Overview',
    subTitle:
      'Machine-learning anomaly detection, failure forecasting, incident labeling, experiments and drift for your Prometheus metrics.',
    route: ROUTES.Overview,
    titleIcon: 'home-alt',
    component: Overview,
  });
