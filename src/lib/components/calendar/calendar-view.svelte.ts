/**
 * How this person looks at the calendar: the zone the times are shown in, calendar or list, the
 * widget's view and the day it opens at. The zone and the view are remembered on this device.
 */
import { isValidTimeZone } from '$lib/domain/zone';
import { preferredZone, ZONE_CHOICE_KEY } from './format';

/** The widget's views, in the order of its buttons. */
export const VIEWS = ['timeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek', 'resourceTimeGridDay'];
/** Where the chosen view is remembered. */
export const VIEW_KEY = 'parley:calendar-view';
/** Where "Show cancelled" is remembered. */
export const SHOW_CANCELLED_KEY = 'parley:calendar-show-cancelled';
const PHONE_QUERY = '(max-width: 720px)';

export class CalendarView {
	#tz = $state('UTC');
	#mode = $state<'calendar' | 'list'>('calendar');
	#view = $state('timeGridWeek');
	#anchorDate = $state<string | null>(null);
	#showCancelled = $state(false);

	/** Starts in `tz` (the person's zone, else the organization's), at `date` when it is a `YYYY-MM-DD`. */
	constructor(tz: string, date: string | null = null) {
		this.#tz = tz;
		this.#anchorDate = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
	}

	/** The zone times are shown in. */
	get tz(): string {
		return this.#tz;
	}
	get mode(): 'calendar' | 'list' {
		return this.#mode;
	}
	set mode(next: 'calendar' | 'list') {
		this.#mode = next;
	}
	/** The widget's view. */
	get view(): string {
		return this.#view;
	}
	/** Cancelled interviews on the grid: off by default, so that they take no room from live ones (decision 57). */
	get showCancelled(): boolean {
		return this.#showCancelled;
	}
	set showCancelled(next: boolean) {
		this.#showCancelled = next;
		localStorage.setItem(SHOW_CANCELLED_KEY, next ? '1' : '0');
	}
	/** The day the widget opens at (a deep link), else today. */
	get anchorDate(): string | null {
		return this.#anchorDate;
	}

	/** In the browser: the zone and view remembered on this device, a day view on a phone, or the view a link asks for. */
	restore(ownZone: string | null, asked: string | null): void {
		this.#tz = preferredZone(ownZone, this.#tz);
		this.#showCancelled = localStorage.getItem(SHOW_CANCELLED_KEY) === '1';
		const saved = localStorage.getItem(VIEW_KEY);
		if (saved) this.#view = saved;
		if (window.matchMedia(PHONE_QUERY).matches && !saved) this.#view = 'timeGridDay';
		if (asked && VIEWS.includes(asked)) this.#view = asked;
	}

	/** Shows times in another zone, remembered on this device. */
	setTz(next: string): void {
		this.#tz = next;
		localStorage.setItem(ZONE_CHOICE_KEY, next);
	}

	/** The widget moved to another view (its own buttons): remembered on this device. */
	viewShown(type: string): void {
		if (type === this.#view) return;
		this.#view = type;
		localStorage.setItem(VIEW_KEY, type);
	}

	/** Every zone to choose from: the ones in use first in mind, then all this runtime knows, sorted. */
	zones(inUse: readonly string[]): string[] {
		const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
		// Only the zones named elsewhere are checked: a check builds a DateTimeFormat, and doing it for
		// the 400-odd zones the runtime lists (valid by definition) cost 50 ms before the first view.
		const named = [this.#tz, ...inUse, 'UTC'].filter(isValidTimeZone);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway set that removes repeats
		return [...new Set([...named, ...known])].sort();
	}

	reset(tz = 'UTC'): void {
		this.#tz = tz;
		this.#mode = 'calendar';
		this.#view = 'timeGridWeek';
		this.#anchorDate = null;
		this.#showCancelled = false;
	}
}
