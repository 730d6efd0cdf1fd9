export * from './query';
export * from './frames';
export * from './score';
export * from './settings';
