export * from './geometry';
export * from './edit';
export * from './presets';
export * from './stream-choice';
export * from './tour';
