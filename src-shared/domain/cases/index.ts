export * from './states';
export * from './calendar';
export * from './sla';
export * from './actions';
export * from './rules';
export * from './lifecycle';
export * from './tracking-code';
