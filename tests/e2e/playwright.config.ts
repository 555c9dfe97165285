import { defineConfig } from '@playwright/test';

export default defineConfig({
	testDir: '.',
	timeout: 90_000,
	expect: { timeout: 15_000 },
	// Each worker runs its own PocketBase and Chromium; two cores fit one of each comfortably.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	reporter: [['list']],
	use: {
		// Debian's Chromium: nothing here may download a browser.
		launchOptions: {
			executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		},
		// A 10-inch tablet in landscape.
		viewport: { width: 1280, height: 800 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'allow',
		trace: 'off'
	}
});
