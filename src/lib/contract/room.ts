/** The video room's words shared by the app and the browser: who one is in a room. */

export const ROOM_ROLES = ['candidate', 'interviewer', 'admin'] as const;
/** One's place in an interview, and so in its room: its candidate, on its panel, or an admin of its organization. */
export type RoomRole = (typeof ROOM_ROLES)[number];
