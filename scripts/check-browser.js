// End-to-end tests drive the system's Chromium; say plainly how to get it when it is missing.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
	console.error(`
End-to-end tests need Chromium at ${path}, and it is not there.
Install it with your system's package manager, e.g. on Debian or Ubuntu:

    sudo apt-get update && sudo apt-get install -y chromium

or point CHROMIUM_PATH at an existing Chromium or Chrome binary.
(Playwright's own browser download is not used.)
`);
	process.exit(1);
}
