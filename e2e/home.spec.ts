import { expect, test } from '@playwright/test';

test('the start page shows the version of the connected cluster', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Atrium' })).toBeVisible();
  await expect(page.getByTestId('cluster-version')).toHaveText('v1.36.3');
  await expect(page.getByTestId('identity')).toHaveText('Not signed in');
});
