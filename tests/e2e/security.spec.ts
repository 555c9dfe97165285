// The app's pages under their Content-Security-Policy: nothing inline runs that the build did not write,
// while the app itself (kiosk, administration) works under it — the other browser tests run under it too.
import { expect, test } from '@playwright/test';
import { createCanteenWithStaff, startTestServer, type TestServer } from '../fixtures/server';

let server: TestServer;

test.beforeEach(async () => {
	server = await startTestServer();
	await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 李秀英: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('an injected inline script does not run on an app page; the page itself starts', async ({ page }) => {
	const response = await page.goto(`${server.server.url}/admin`);
	const policy = response!.headers()['content-security-policy'] ?? '';
	expect(policy).toContain("default-src 'self'");
	expect(policy).toContain("object-src 'none'");
	await expect(page.getByLabel('邮箱')).toBeVisible();

	const violations: string[] = [];
	await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
	const ran = await page.evaluate(async () => {
		document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { reportViolation(d: string): void }).reportViolation(event.effectiveDirective));
		// What a stored name rendered as HTML, or a tampered response, would try.
		const script = document.createElement('script');
		script.textContent = 'window.__injected = true';
		document.body.append(script);
		const handler = document.createElement('img');
		handler.setAttribute('onerror', 'window.__injected = true');
		handler.src = 'data:,not-an-image';
		document.body.append(handler);
		await new Promise((resolve) => setTimeout(resolve, 300));
		return (window as unknown as { __injected?: boolean }).__injected === true;
	});
	expect(ran).toBe(false);
	await expect.poll(() => violations.length).toBeGreaterThan(0);
	expect(violations.every((directive) => directive.startsWith('script-src'))).toBe(true);
});
