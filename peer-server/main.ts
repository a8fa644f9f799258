/** `npm run start:peer`: the peer-server alone (path /peerjs). */
import { startPart } from '../server/standalone';

startPart('peer').catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
