// Paraglide's compiler options, shared by the Vite plugin (vite.config.ts) and the compile
// script (scripts/i18n-compile.js, run by `npm install` so checks and tests find the output).
// Language: the person's setting first (a strategy defined in src/hooks.server.ts), then the
// cookie the language switch sets, then the browser's preference, then English.
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale'],
	emitPrettierIgnore: true,
	emitGitIgnore: true
};
