/** The OpenAPI document's tags: each route names one (src/lib/server/openapi.ts). */

/** Tag descriptions, in the order the docs page shows the groups. */
export const TAGS: readonly { name: string; description: string }[] = [
	{ name: 'Auth', description: 'Cookie sessions for browsers and scripts that sign in.' },
	{ name: 'Me', description: 'The signed-in person, their settings, their interviews and live updates.' },
	{
		name: 'Interviews',
		description: 'Scheduling, rescheduling and the status machine; every write goes through the calendar document.'
	},
	{ name: 'Availability', description: 'The slot finder.' },
	{ name: 'Self-scheduling', description: 'Candidates pick their own interview time from a request an admin sends.' },
	{
		name: 'Change requests',
		description: 'Candidates ask to move or cancel their interview, under the organization’s policy.'
	},
	{
		name: 'Calendar rules',
		description: 'Holidays and blackout dates, and how many interviews each interviewer takes per day and week.'
	},
	{ name: 'Applications', description: 'The admission pipeline and the interview flags.' },
	{ name: 'Candidates', description: 'One candidate’s interviews and personal sign-in link.' },
	{ name: 'Scorecards', description: 'Independent judgements of the panel; server-only, never in a Yjs document.' },
	{ name: 'Video room', description: 'Entering the peer-to-peer room; media never passes the server.' },
	{ name: 'Members', description: 'People of the organization.' },
	{ name: 'Cycles', description: 'Admission cycles or job openings.' },
	{ name: 'Collaboration', description: 'Tokens for the live Yjs documents (collab-server).' },
	{ name: 'API tokens', description: 'Personal bearer tokens for scripts and integrations.' },
	{
		name: 'Notifications',
		description:
			'The inbox, email preferences, the personal calendar feed, and the outbox of email (transactional: written with the change it announces).'
	},
	{ name: 'Service', description: 'Health and this reference.' }
];
