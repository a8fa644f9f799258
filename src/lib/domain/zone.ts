/**
 * Whether a string names an IANA time zone, on `Intl` only (browser and Node). Apart from the zone
 * arithmetic of `time.ts`, which re-exports it, so that a page that only checks a name (the
 * interview page's viewer zone) does not load that arithmetic.
 */

// IANA names are words joined by slashes; this rejects raw offsets such as "+01:00", which newer
// Intl versions accept but which do not follow daylight-saving rules.
const TZ_NAME_RE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const validZones = new Map<string, boolean>();

/** True when `tz` names an IANA time zone this runtime knows (aliases such as Asia/Calcutta included). */
export function isValidTimeZone(tz: unknown): tz is string {
	if (typeof tz !== 'string') return false;
	// Only names that passed the pattern are remembered, so a hit needs no second test.
	if (validZones.has(tz)) return true;
	if (!TZ_NAME_RE.test(tz)) return false;
	let ok = true;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
	} catch {
		ok = false;
	}
	// Only real zones are remembered (a few hundred exist); made-up names must not grow the cache.
	if (ok) validZones.set(tz, true);
	return ok;
}
