// Steps a person takes on the kitchen tablet, shared by the browser tests and the benchmarks.
import { expect, type Page } from '@playwright/test';

export async function enrolAndChooseChecker(page: Page, { url, code, checker }: { url: string; code: string; checker: string }) {
	await page.goto(`${url}/kitchen?enrol=${code}`);
	await page.getByRole('button', { name: '绑定', exact: true }).click();
	await page.getByRole('heading', { name: '请选择检查人' }).waitFor();
	await page.getByRole('button', { name: checker, exact: true }).click();
	await expect(page.getByText(`检查人: ${checker}`)).toBeVisible();
	// From here on the tablet must open without the server: wait until the service worker controls it.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** A healthy person: choose the name, then two taps. */
export async function checkHealthy(page: Page, name: string, temperature = '36.5') {
	await page.getByTestId('staff-tile').filter({ hasText: name }).click();
	await page.getByRole('button', { name: temperature, exact: true }).click();
	await page.getByRole('button', { name: '全部正常，保存' }).click();
	await expect(page.getByTestId('check-result')).toContainText(name);
}

/** The two-tap path: the name, then the reading in the "all normal" row, which saves at once. */
export async function checkAllNormal(page: Page, name: string, temperature = '36.5') {
	await page.getByTestId('staff-tile').filter({ hasText: name }).click();
	await page.getByTestId('quick-fit').getByRole('button', { name: `${temperature} ✓` }).click();
	await expect(page.getByTestId('check-result')).toContainText(name);
}

export function tile(page: Page, name: string) {
	return page.getByTestId('staff-tile').filter({ hasText: name });
}

export function syncBadge(page: Page) {
	return page.getByTestId('sync-badge');
}
