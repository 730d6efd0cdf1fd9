import { ROUTES } from '../../constants';
import { scenePage } from '../scenePage';
import { Models } from './Models';

export const modelsPage = () =>
  scenePage({
    title: 'Models',
    subTitle: 'The model registry: versions, metrics and aliases.',
    route: ROUTES.Models,
    titleIcon: 'layer-group',
    component: Models,
  });
