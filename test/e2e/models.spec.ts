/**
 * Learning from corrections, in Debian Chromium against the real web host and a fresh store:
 * first run creates the administrator, who creates a cardiologist; the cardiologist imports
 * MIT-BIH 201, signs it, opens the Models panel and fine-tunes the beat model on the signed
 * recording. The new version shows its DS2 accuracy against its parent and a status; an
 * available version can be activated and the shipped model switched back to, a rejected one
 * is not offered for activation.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { CARDIO, createAccount, createFirstAdmin, importAndAnalyse, submitSignIn } from './steps';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const mit201 = ['hea', 'dat', 'atr'].map((x) => join(data, 'mitdb', `201.${x}`));
const haveData = mit201.every((f) => existsSync(f));

/** The full-size model the app ships: the robust one when installed (see app-classifier.ts). */
const models = resolve(__dirname, '..', '..', 'resources', 'models');
const SHIPPED = existsSync(join(models, 'beat-robust', 'model.json'))
  ? 'beat-robust@1.0.0'
  : 'beat-full@1.0.0';

test.describe('models: learning from corrections', () => {
  test.skip(!haveData, `MIT-BIH 201 not found under ${join(data, 'mitdb')} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
  });
  test.afterAll(async () => host?.stop());

  test('fine-tune on a signed recording, compare on DS2, activate and switch back', async ({
    page,
  }, info) => {
    test.setTimeout(360_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.launchUrl);

    // First run: the administrator, who creates a cardiologist; then the cardiologist.
    await createFirstAdmin(page);
    await createAccount(page, CARDIO, 'cardiologist');
    await page.getByTestId('sign-out').click();
    await submitSignIn(page, CARDIO.username, CARDIO.password);
    await expect(page.getByTestId('session-role')).toHaveText('Cardiologist');

    // Import MIT-BIH 201, wait for its analysis, sign it.
    await importAndAnalyse(page, mit201, '201');
    await page.getByTestId('review-start').click();
    await expect(page.getByTestId('review-bar')).toHaveAttribute('data-status', 'in_review');
    await page.getByTestId('review-sign').click();
    const sign = page.getByTestId('sign-dialog');
    await sign.getByTestId('sign-password').fill(CARDIO.password);
    await sign.getByTestId('sign-confirm').click();
    await expect(page.getByTestId('read-only-banner')).toContainText('Signed');

    // The Models panel: only the shipped model, active.
    await page.getByTestId('open-models').click();
    const panel = page.getByTestId('models-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('models-active')).toHaveText(SHIPPED);
    const rows = panel.getByTestId('model-row');
    await expect(rows).toHaveCount(1);
    const shippedRow = panel.locator(`[data-testid=model-row][data-version="${SHIPPED}"]`);
    await expect(shippedRow.getByTestId('model-active-badge')).toBeVisible();

    // Fine-tune on the signed recording; the new version appears when the job ends.
    await panel.getByTestId('finetune-start').click();
    await expect(panel.getByTestId('finetune-job')).toBeVisible();
    await expect(rows).toHaveCount(2, { timeout: 120_000 });
    await expect(panel.getByTestId('finetune-job')).toHaveAttribute('data-state', 'done');
    const tuned = panel.locator(`[data-testid=model-row]:not([data-version="${SHIPPED}"])`);
    const version = (await tuned.getAttribute('data-version'))!;
    expect(version).not.toBe(SHIPPED);
    await expect(tuned.locator('td').nth(1)).toHaveText(SHIPPED); // its parent
    // DS2 accuracy, with the difference to the parent's: "97.1 % / +0.3 vs 96.8 %".
    await expect(tuned.getByTestId('model-ds2-acc')).toHaveText(
      /\d+\.\d %\s*[+−]\d+\.\d vs \d+\.\d %/,
    );
    await expect(tuned.getByTestId('model-data')).toContainText('1 rec');
    const status = tuned.getByTestId('model-status');
    await expect(status).toHaveText(/^(available|rejected)$/);
    const statusText = (await status.textContent())!.trim();
    const ds2Text = (await tuned.getByTestId('model-ds2-acc').innerText()).replace(/\s+/g, ' ');
    console.log(`fine-tuned ${version}: ${statusText}; DS2 accuracy ${ds2Text}`);
    info.annotations.push({ type: 'fine-tune', description: `${statusText}; DS2 ${ds2Text}` });
    await page.screenshot({ path: info.outputPath('models-after-finetune.png') });

    if (statusText === 'available') {
      const activate = tuned.getByTestId('model-activate');
      await expect(activate).toHaveText('Activate');
      await activate.click();
      await expect(panel.getByTestId('models-active')).toHaveText(version);
      await expect(tuned.getByTestId('model-active-badge')).toBeVisible();
      await expect(shippedRow.getByTestId('model-active-badge')).toHaveCount(0);
      await page.screenshot({ path: info.outputPath('models-activated.png') });
      const back = shippedRow.getByTestId('model-activate');
      await expect(back).toHaveText('Switch back');
      await back.click();
      await expect(panel.getByTestId('models-active')).toHaveText(SHIPPED);
      await expect(shippedRow.getByTestId('model-active-badge')).toBeVisible();
      await expect(tuned.getByTestId('model-active-badge')).toHaveCount(0);
      await expect(tuned.getByTestId('model-activate')).toHaveText('Activate');
    } else {
      await expect(tuned.getByTestId('model-activate')).toHaveCount(0);
      await expect(tuned.getByTestId('model-status-reason')).not.toBeEmpty();
      await expect(panel.getByTestId('models-active')).toHaveText(SHIPPED);
    }

    // Full / Pruned / Auto for later analyses; the panel says what it means on this machine.
    const setting = panel.getByTestId('model-setting');
    await expect(setting.getByTestId('model-setting-auto')).toBeChecked();
    await expect(setting.getByTestId('model-setting-resolved')).toContainText(/auto: /);
    await setting.getByTestId('model-setting-full').check();
    await expect(setting.getByTestId('model-setting-resolved')).toContainText(
      'full model chosen in settings',
    );
    await expect(setting.getByTestId('model-setting-full')).toBeChecked();
    await panel.screenshot({ path: info.outputPath('models-setting-full.png') });
    await setting.getByTestId('model-setting-auto').check();
    await expect(setting.getByTestId('model-setting-resolved')).toContainText(/auto: /);
    expect(errors).toEqual([]);
  });
});
