import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenOptions } from './client';

describe('openDatabase options', () => {
	const dir = mkdtempSync(join(tmpdir(), 'parley-client-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('takes a template for a database in memory only: refused by the types, and at run time', async () => {
		const accepted: OpenOptions[] = [
			{},
			{ dataDir: dir },
			{ dataDir: 'memory://', template: new Blob() },
			{ url: 'postgres://127.0.0.1/test', maxConnections: 2 }
		];
		expect(accepted).toHaveLength(4);
		// @ts-expect-error a template seeds a database in memory only
		const onDisk: OpenOptions = { dataDir: dir, template: new Blob() };
		await expect(openDatabase(onDisk)).rejects.toThrow('in memory only');
	});
});
