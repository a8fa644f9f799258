import { describe, expect, it } from 'vitest';
import { viewerZoneOf } from './zone';

describe('the zone the candidate’s home is written in', () => {
	it('takes the person’s own setting first, then the browser’s, then the office’s', () => {
		expect(viewerZoneOf('Europe/Rome', 'Asia/Tokyo', 'America/New_York')).toEqual({
			zone: 'Europe/Rome',
			from: 'profile'
		});
		expect(viewerZoneOf(null, 'Asia/Tokyo', 'America/New_York')).toEqual({ zone: 'Asia/Tokyo', from: 'browser' });
		expect(viewerZoneOf(null, undefined, 'America/New_York')).toEqual({ zone: 'America/New_York', from: 'office' });
	});

	it('ignores a cookie that names no zone', () => {
		for (const cookie of ['Mars/Olympus', '', '<script>', `Europe/${'x'.repeat(80)}`])
			expect(viewerZoneOf(null, cookie, 'America/New_York')).toEqual({ zone: 'America/New_York', from: 'office' });
	});
});
