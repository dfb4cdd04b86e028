/**
 * Steps the E2E specs share: the first-run administrator, creating an account, signing in,
 * importing a record through the UI and waiting for its analysis. Each step checks what the
 * user would see when it is done.
 */
import { expect, type Page } from '@playwright/test';

export interface Account {
  username: string;
  name: string;
  password: string;
}

export const ADMIN: Account = { username: 'admin', name: 'Dana Admin', password: 'admin-pass-1' };
export const CARDIO: Account = {
  username: 'carla',
  name: 'Dr Carla Cardio',
  password: 'carla-pass-1',
};

/** First run: the banner's button, the administrator form, signed in as administrator. */
export async function createFirstAdmin(page: Page, admin: Account = ADMIN): Promise<void> {
  await page.getByTestId('first-run-banner').getByRole('button').click();
  await page.getByTestId('admin-username').fill(admin.username);
  await page.getByTestId('admin-displayname').fill(admin.name);
  await page.getByTestId('admin-password').fill(admin.password);
  await page.getByTestId('admin-password2').fill(admin.password);
  await page.getByTestId('admin-create').click();
  await expect(page.getByTestId('session-role')).toHaveText('Administrator');
}

/** The signed-in administrator creates an account in the Users dialog, then closes it. */
export async function createAccount(page: Page, user: Account, role: string): Promise<void> {
  await page.getByTestId('users-open').click();
  await page.getByTestId('new-username').fill(user.username);
  await page.getByTestId('new-displayname').fill(user.name);
  await page.getByTestId('new-role').selectOption(role);
  await page.getByTestId('new-password').fill(user.password);
  await page.getByTestId('new-create').click();
  await expect(
    page.locator(`[data-testid=user-row][data-username=${user.username}]`),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('users-dialog')).toHaveCount(0);
}

/** Fills the sign-in screen and submits (the caller checks the outcome). */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

/** Imports files through the import button, opens the record `name`, waits for its analysis. */
export async function importAndAnalyse(page: Page, files: string[], name: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(files);
  await expect(page.getByTestId('import-report')).toContainText(/imported/i, { timeout: 60_000 });
  await page
    .getByTestId('recording-item')
    .filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
    .click();
  await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
    timeout: 90_000,
  });
}
