import { ROUTES } from '../../constants';
import { scenePage } from '../scenePage';
import { Labeling } from './Labeling';

export const labelingPage = () =>
  scenePage({
    title: 'Labeling',
    subTitle: 'Review incidents and anomalies; each label teaches the models.',
    route: ROUTES.Labeling,
    titleIcon: 'tag-alt',
    component: Labeling,
  });
