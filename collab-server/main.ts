/** `npm run start:collab`: the collab-server alone (WebSocket path /collab). */
import { startPart } from '../server/standalone';

startPart('collab').catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
