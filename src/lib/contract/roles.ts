/** Roles a member of an organization can have. */
export const ROLES = ['admin', 'interviewer', 'candidate'] as const;
export type Role = (typeof ROLES)[number];
