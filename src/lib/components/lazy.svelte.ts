/**
 * A part of a page that is drawn only sometimes (a panel that opens, a warning, a toast): its code
 * is not among the scripts the page needs to start, it is fetched right after the page has started
 * (so it is there when needed, offline too: the service worker keeps every built script).
 * Call during a component's initialisation; `component` is null until the code has arrived.
 */
import { onMount, type Component } from 'svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
type AnyComponent = Component<any>;

export interface Lazy<C extends AnyComponent> {
	readonly component: C | null;
	/** Resolves once the code is there (at once if it already is); a failed fetch is tried again next time. */
	load(): Promise<C>;
}

export function lazyComponent<C extends AnyComponent>(importer: () => Promise<{ default: C }>): Lazy<C> {
	let component = $state<C | null>(null);
	let pending: Promise<C> | null = null;
	const load = () =>
		(pending ??= importer().then(
			(mod) => (component = mod.default),
			(err: unknown) => {
				pending = null;
				throw err;
			}
		));
	onMount(() => {
		load().catch((err: unknown) => console.warn('[lazy] could not fetch a part of the page', err));
	});
	return {
		get component() {
			return component;
		},
		load
	};
}
