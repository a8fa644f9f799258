import { describe, expect, it } from 'vitest';
import { addressKey } from './address';
import { throttleMessage } from './sign-in-throttle';

describe('addressKey', () => {
	it('keeps IPv4 as it is and unwraps an IPv4-mapped IPv6 address', () => {
		expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
	});

	it('counts IPv6 by its /64, however it is written', () => {
		const key = '2001:db8:85a3:0::/64';
		expect(addressKey('2001:db8:85a3::8a2e:370:7334')).toBe(key);
		expect(addressKey('2001:0DB8:85A3:0000:ffff:ffff:ffff:1')).toBe(key);
		expect(addressKey('[2001:db8:85a3::1]')).toBe(key);
		expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
	});

	it('keeps anything else bounded', () => {
		expect(addressKey('')).toBe('unknown');
		expect(addressKey('x'.repeat(500))).toHaveLength(100);
	});
});

describe('throttleMessage', () => {
	it('names what was counted and when to try again', () => {
		expect(throttleMessage({ scope: 'email', retryAfterSec: 61 })).toBe(
			'Too many failed sign-ins for this email from your network. Try again in 2 minutes.'
		);
		expect(throttleMessage({ scope: 'address', retryAfterSec: 30 })).toBe(
			'Too many failed sign-ins from your network. Try again in 1 minute.'
		);
	});
});
