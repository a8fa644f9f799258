/** The public API of the pure scheduling domain; import from `$lib/domain`. */
export * from './types';
export * from './policy';
export * from './time';
export * from './status';
export {
	applicationBlocker,
	bookingWindow,
	canBookApplication,
	ELIGIBLE_APPLICATION_STATUSES,
	humanizeMinutes
} from './validation';
export * from './conflicts';
export * from './slots';
export * from './judge';
export * from './offer';
export * from './closures';
export * from './load';
export * from './day-rules';
export * from './candidate-changes';
export * from './pools';
export * from './rounds';
