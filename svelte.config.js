import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Kit refuses cross-site form posts itself; src/hooks.server.ts extends the same Origin
		// check to every other state-changing request (JSON endpoints).
		adapter: adapter()
	}
};

export default config;
