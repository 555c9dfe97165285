// Steps an administrator takes, shared by the browser tests.
import type { Browser, Page } from '@playwright/test';

export async function signInAsAdministrator(page: Page, { url, email, password }: { url: string; email: string; password: string }) {
	await page.goto(`${url}/admin`);
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	// Signed in once the administration's navigation shows (the session is then stored for reloads).
	await page.getByRole('navigation', { name: '管理导航' }).waitFor();
}

/** Goes to one of the administration's pages through its navigation, as a person would. */
export async function openAdminPage(page: Page, label: string) {
	await page.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: label, exact: true }).click();
}

/** A person signed in to the administration in a browser context of their own. */
export async function signedInPage(browser: Browser, { url, email, password }: { url: string; email: string; password: string }): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signInAsAdministrator(page, { url, email, password });
	return page;
}
