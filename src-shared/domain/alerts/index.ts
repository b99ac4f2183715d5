export * from './model';
export * from './entity';
export * from './dedupe';
export * from './units';
export * from './rules';
export * from './maintenance';
export * from './fiware-alert';
export * from './select-cameras';
