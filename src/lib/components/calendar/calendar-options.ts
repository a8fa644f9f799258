/** The configuration of the calendar widget (`@event-calendar/core`): its views, grid, labels and what a click or a drag does. */
import { WIDGET_FORMATS } from '$lib/format/dates';
import { viewerLocale } from '$lib/format/viewer';
import { clockValue } from '$lib/format/wall';
import { m } from '$lib/paraglide/messages';
import { toWall, wallToUtc } from './format';

/** The working day the grid always shows; it grows to the whole hours around earlier or later interviews. */
const DAY_START_MIN = 7 * 60;
const DAY_END_MIN = 21 * 60;

/**
 * The grid's first and last time, on whole hours, as `HH:MM:SS`: the working day, grown to the whole
 * hours around earlier or later interviews (the widget's own flexible limits start at an interview's
 * minute, which labelled the hours "02:09", "03:09"…).
 */
export function slotLimits(events: readonly { start: string; end: string }[]): { min: string; max: string } {
	let first = DAY_START_MIN;
	let last = DAY_END_MIN;
	for (const e of events) {
		const startMin = Number(e.start.slice(11, 13)) * 60 + Number(e.start.slice(14, 16));
		const overnight = e.end.slice(0, 10) !== e.start.slice(0, 10);
		const endMin = overnight ? 24 * 60 : Number(e.end.slice(11, 13)) * 60 + Number(e.end.slice(14, 16));
		if (Number.isFinite(startMin)) first = Math.min(first, Math.floor(startMin / 60) * 60);
		if (Number.isFinite(endMin)) last = Math.max(last, Math.ceil(endMin / 60) * 60);
	}
	return { min: clockValue(Math.max(0, first)), max: clockValue(Math.min(24 * 60, last)) };
}

/** The height of one 30-minute slot: a 45-minute interview has room for its flag, time and a two-line name. */
export const SLOT_HEIGHT_PX = 44;
export const SLOT_MINUTES = 30;

/** What the widget reports back. */
export interface CalendarHandlers {
	/** The widget shows another view or range (its own buttons): the view and its first and last wall times. */
	onview(type: string, start: Date, end: Date): void;
	/** An empty slot was clicked: its start (null in the month view, where a day has no time). */
	onslot(start: string | null): void;
	/** An event was clicked. */
	onopen(id: string): void;
	/** An event was dragged or resized; `panelChange` when it moved to another interviewer's column. */
	onmove(id: string, start: Date, end: Date, revert: () => void, panelChange?: { from: string; to: string }): void;
}

/** The widget's options for the current view, zone, events and rights. */
export function calendarOptions<E extends { start: string; end: string }, R>(
	o: {
		view: string;
		tz: string;
		/** `YYYY-MM-DD` to open at; today in `tz` when null. */
		anchorDate: string | null;
		events: E[];
		resources: R[];
		canEdit: boolean;
	} & CalendarHandlers
) {
	const { tz, canEdit } = o;
	const limits = slotLimits(o.events);
	return {
		view: o.view,
		timeZone: 'local',
		date: o.anchorDate ?? toWall(new Date(), tz).slice(0, 10),
		slotHeight: SLOT_HEIGHT_PX,
		// A day column never gets narrower than two readable events side by side: on a phone the
		// week scrolls sideways instead of shrinking a double booking to slivers.
		columnWidth: 'minmax(11rem, 1fr)',
		// Overlapping interviews sit side by side, each whole, instead of the later one covering the earlier.
		slotEventOverlap: false,
		events: o.events,
		resources: o.resources,
		height: 'auto',
		firstDay: 1 as const,
		// The viewer's locale: day headers, hours and event times read like every other date (src/lib/format).
		locale: viewerLocale(),
		nowIndicator: false,
		slotMinTime: limits.min,
		slotMaxTime: limits.max,
		scrollTime: '08:00:00',
		slotDuration: `00:${SLOT_MINUTES}:00`,
		snapDuration: '00:15:00',
		allDaySlot: false,
		editable: canEdit,
		eventStartEditable: canEdit,
		eventDurationEditable: canEdit,
		selectable: false,
		dayMaxEvents: true,
		slotLabelFormat: WIDGET_FORMATS.slotLabelFormat,
		eventTimeFormat: WIDGET_FORMATS.eventTimeFormat,
		headerToolbar: {
			start: 'prev,next today',
			center: 'title',
			end: 'timeGridDay,timeGridWeek,dayGridMonth,listWeek,resourceTimeGridDay'
		},
		buttonText: (t: Record<string, string>) => ({
			...t,
			today: m.cal_today(),
			timeGridDay: m.cal_view_day(),
			timeGridWeek: m.cal_view_week(),
			dayGridMonth: m.cal_view_month(),
			listWeek: m.cal_view_agenda(),
			resourceTimeGridDay: m.cal_view_by_interviewer()
		}),
		views: {
			timeGridWeek: { dayHeaderFormat: WIDGET_FORMATS.dayHeaderFormat },
			timeGridDay: { dayHeaderFormat: WIDGET_FORMATS.dayHeaderFormat },
			listWeek: { listDayFormat: WIDGET_FORMATS.listDayFormat },
			resourceTimeGridDay: { datesAboveResources: false }
		},
		datesSet: (info: { start: Date; end: Date; view: { type: string } }) =>
			o.onview(info.view.type, info.start, info.end),
		dateClick: (info: { date: Date; allDay: boolean; view: { type: string } }) =>
			o.onslot(info.view.type === 'dayGridMonth' ? null : wallToUtc(info.date, tz)),
		eventClick: (info: { event: { id: string | number } }) => o.onopen(String(info.event.id)),
		eventDrop: (info: {
			event: { id: string | number; start: Date; end: Date };
			oldResource?: { id: string };
			newResource?: { id: string };
			revert: () => void;
		}) => {
			const change =
				info.oldResource && info.newResource
					? { from: String(info.oldResource.id), to: String(info.newResource.id) }
					: undefined;
			o.onmove(String(info.event.id), info.event.start, info.event.end, info.revert, change);
		},
		eventResize: (info: { event: { id: string | number; start: Date; end: Date }; revert: () => void }) =>
			o.onmove(String(info.event.id), info.event.start, info.event.end, info.revert)
	};
}
