/**
 * The generated OpenAPI document passes Redocly's `recommended` rules with no error and no warning.
 * The linter runs offline: its configuration is built in memory (no redocly.yaml, no remote
 * `extends`), and a resolver that refuses every external reference stands in for the default one.
 */
import { describe, expect, it } from 'vitest';
import { BaseResolver, createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { apiRoutes } from '../../routes/api/routes.server';
import { buildOpenApiDocument } from './openapi';

/** Refuses to read anything outside the document: a lint that needs the network fails here instead. */
class OfflineResolver extends BaseResolver {
	override async loadExternalRef(absoluteRef: string): Promise<never> {
		throw new Error(`the lint tried to read ${absoluteRef}`);
	}
}

const describeProblem = (p: NormalizedProblem) =>
	`${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`;

describe('the OpenAPI document under Redocly lint', () => {
	it('has no error and no warning with the recommended rules', async () => {
		const resolver = new OfflineResolver();
		const config = await createConfig(
			// Recommended, and every operation says what it does beyond its summary.
			{ extends: ['recommended'], rules: { 'operation-description': 'error' } },
			{ externalRefResolver: resolver }
		);
		const doc = buildOpenApiDocument(await apiRoutes());
		const problems = await lintFromString({
			source: JSON.stringify(doc, null, 2),
			absoluteRef: '/openapi.json',
			config,
			externalRefResolver: resolver
		});
		const shown = problems.filter((p) => p.severity === 'error' || p.severity === 'warn').map(describeProblem);
		expect(shown).toEqual([]);
		// Building the document and linting it take a few seconds on a busy machine.
	}, 60_000);
});
