/**
 * The JSON API's contract: the zod schemas of what it reads and answers (the OpenAPI document is
 * generated from them), and the answer types browser code reads, inferred from the same schemas.
 */
import type { z } from 'zod';
import type { ApplicationLogEntry } from './applications';
import type { LogEntryResponse } from './responses';
import type { JoinResponse, RoomParticipant } from './room';

export * from './requests';
export * from './responses';
export * from './applications';
export * from './room';
export * from './me';
export * from './rules';
export * from './requests-scheduling';
export * from './loops';
export * from './archive';

/** `POST /api/v1/interviews/{id}/join`. */
export type JoinAnswer = z.infer<typeof JoinResponse>;
/** One participant of a video room, as `/join` lists them. */
export type Participant = z.infer<typeof RoomParticipant>;
/** One row of `GET /api/v1/interviews/{id}/logs`. */
export type LogEntry = z.infer<typeof LogEntryResponse>;
/** One row of `GET /api/v1/applications/{id}/logs`. */
export type ApplicationLog = z.infer<typeof ApplicationLogEntry>;
