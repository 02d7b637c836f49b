export * from './errors';
export * from './variant-fields';
export * from './variants';
export * from './attributes';
