/** axe-core in a real page: injects the library, runs WCAG 2.2 AA rules, returns the violations in a readable form. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The rule sets that "WCAG 2.2 AA" means for axe. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule broken on a page: its id, impact and the elements that break it (selector + markup excerpt). */
export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe on the page as it is now and returns its violations (an empty array means none). */
export async function audit(page: Page): Promise<AxeViolation[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
	return page.evaluate(
		async (tags) => {
			type Result = {
				violations: {
					id: string;
					impact: string | null;
					help: string;
					nodes: { target: unknown[]; html: string; failureSummary?: string }[];
				}[];
			};
			const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<Result> } }).axe;
			const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
			return result.violations.map((v) => ({
				id: v.id,
				impact: v.impact,
				help: v.help,
				nodes: v.nodes.map((n) => ({
					target: n.target.map(String).join(' '),
					html: n.html.slice(0, 200),
					summary: (n.failureSummary ?? '').slice(0, 300)
				}))
			}));
		},
		[...WCAG_TAGS]
	);
}

/** A one-line-per-node report of violations, for a failing assertion's message. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
	return violations
		.map((v) =>
			[`${where}: ${v.id} (${v.impact}) ${v.help}`, ...v.nodes.map((n) => `   ${n.target}  ${n.html}`)].join('\n')
		)
		.join('\n');
}
