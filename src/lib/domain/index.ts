/** The public API of the pure scheduling domain; import from `$lib/domain`. */
export * from './types';
export * from './policy';
export * from './time';
export * from './status';
export * from './validation';
export * from './conflicts';
export * from './slots';
