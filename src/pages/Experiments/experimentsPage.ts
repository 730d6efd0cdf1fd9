import { ROUTES } from '../../constants';
import { scenePage } from '../scenePage';
import { Experiments } from './Experiments';

export const experimentsPage = () =>
  scenePage({
    title: 'Experiments',
    subTitle: 'Champion versus challenger, with statistics you can trust.',
    route: ROUTES.Experiments,
    titleIcon: 'flask',
    component: Experiments,
  });
