/**
 * The dependency rule (docs/architecture.md), checked by `npm run check`:
 *
 *   routes (server files)  → services (src/lib/server) → domain / contract
 *   browser code (routes' pages, src/lib/components) → src/lib/collab → domain / contract
 *   collab-server, peer-server → services, collab, domain, contract, db
 *   server/ (the composition root) may import anything; nothing imports server/
 *
 * Type-only imports count: `tsPreCompilationDeps` keeps them in the graph, for cycles too.
 */
const DOMAIN = '^src/lib/domain/';
const CONTRACT = '^src/lib/contract/';
/** Formatting of dates, numbers and status words for people: pure, usable by every layer. */
const FORMAT = '^src/lib/format/';
/** Messages and the language choice (src/lib/i18n), and the messages Paraglide compiles (src/lib/paraglide). */
const I18N = '^src/lib/(i18n|paraglide)/';
const LEAVES = `(${DOMAIN}|${CONTRACT}|${FORMAT}|${I18N})`;
const COLLAB = '^src/lib/collab/';
const COMPONENTS = '^src/lib/components/';
const SERVICES = '^src/lib/server/';
const DB = '^db/(client|events|migrate|seed)\\.ts$';
const COMPOSITION = '^(server/|(collab|peer)-server/main\\.ts$|db/cli\\.ts$)';
const ROUTE_SERVER = '^(src/routes/.*(\\+server|\\.server)\\.ts|src/hooks\\.server\\.ts|src/params/.*)$';
const ROUTE_BROWSER = '^src/routes/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'Modules import each other in a circle (type-only imports included).',
			severity: 'error',
			from: {},
			to: { circular: true }
		},
		{
			name: 'nothing-imports-the-composition-root',
			comment: 'server/ builds the process and hands every part its context; no part reaches back into it.',
			severity: 'error',
			from: { pathNot: COMPOSITION },
			to: { path: '^server/' }
		},
		{
			name: 'domain-and-contract-are-leaves',
			comment: 'The domain and the contract are pure: they import only each other (and packages).',
			severity: 'error',
			from: { path: LEAVES },
			to: { path: '^(src|server|collab-server|peer-server|db)/', pathNot: LEAVES }
		},
		{
			name: 'collab-only-down',
			comment: 'The collaborative documents build on the domain and the contract only.',
			severity: 'error',
			from: { path: COLLAB },
			to: { path: '^(src|server|collab-server|peer-server|db)/', pathNot: `(${COLLAB}|${LEAVES})` }
		},
		{
			name: 'components-are-browser-code',
			comment: 'Components use the collab layer, the domain and the contract; never services or servers.',
			severity: 'error',
			from: { path: COMPONENTS },
			to: {
				path: '^(src|server|collab-server|peer-server|db)/',
				pathNot: `(${COMPONENTS}|${COLLAB}|${LEAVES}|\\.css$)`
			}
		},
		{
			name: 'services-only-down',
			comment:
				'Services use the domain, the contract, the document model and the database client; they are handed the servers through their context.',
			severity: 'error',
			from: { path: SERVICES },
			to: {
				path: '^(src|server|collab-server|peer-server|db)/',
				pathNot: `(${SERVICES}|${COLLAB}|${LEAVES}|${DB})`
			}
		},
		{
			name: 'route-handlers-call-services',
			comment: 'Loaders, actions, endpoints and hooks go through services to the domain and the contract.',
			severity: 'error',
			from: { path: ROUTE_SERVER },
			to: {
				path: '^(src|server|collab-server|peer-server|db)/',
				pathNot: `(${SERVICES}|${LEAVES}|^src/routes/)`
			}
		},
		{
			name: 'pages-are-browser-code',
			comment: 'Pages use components, the collab layer, the domain and the contract.',
			severity: 'error',
			from: { path: ROUTE_BROWSER, pathNot: ROUTE_SERVER },
			to: {
				path: '^(src|server|collab-server|peer-server|db)/',
				pathNot: `(^src/routes/|${COMPONENTS}|${COLLAB}|${LEAVES}|\\.css$)`
			}
		},
		{
			name: 'server-parts-do-not-import-each-other',
			comment: 'The collab-server and the peer-server are composed by server/, not by each other.',
			severity: 'error',
			from: { path: '^(collab|peer)-server/', pathNot: COMPOSITION },
			to: { path: '^(src/routes/|src/lib/components/|(collab|peer)-server/)', pathNot: '$1' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(\\.test\\.ts$|^src/service-worker/)' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.depcruise.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte'],
			extensions: ['.ts', '.js', '.svelte', '.d.ts']
		}
	}
};
