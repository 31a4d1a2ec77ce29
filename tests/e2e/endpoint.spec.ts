import { expect, test } from './fixtures';

// The echo's endpoint field: characters that hide or reorder text are refused by name and place,
// and characters curl would read as globs reach the commands whole, with globbing turned off.
test.describe('the echo endpoint', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-echo').click();
  });

  // 29 characters precede the inserted one in 'https://hooks.example.test/ab', so it is the 30th.
  const refused = [
    { char: '\u202e', named: 'U+202E RIGHT-TO-LEFT OVERRIDE at character 30', effect: 'in another order than it is sent' },
    { char: '\u200b', named: 'U+200B ZERO WIDTH SPACE at character 30', effect: 'cannot be seen but would be sent' },
  ];
  for (const { char, named, effect } of refused) {
    test(`an endpoint holding ${named.split(' at ')[0]} is refused, naming it`, async ({ page }) => {
      const endpoint = page.getByTestId('endpoint');
      const error = page.getByTestId('endpoint-error');
      await expect(error).toHaveCount(0);
      // Typed, key by key, as someone (or a paste helper) would enter it.
      await endpoint.clear();
      await endpoint.pressSequentially(`https://hooks.example.test/ab${char}c/hooks`);
      await expect(endpoint).toHaveValue(`https://hooks.example.test/ab${char}c/hooks`);
      await expect(error).toContainText(named);
      await expect(error).toContainText(effect);
      await expect(page.getByTestId('command-curl')).toHaveText('');
      await expect(page.getByTestId('copy-curl')).toBeDisabled();

      await endpoint.fill('https://hooks.example.test/abc/hooks');
      await expect(error).toHaveCount(0);
      await expect(page.getByTestId('command-curl')).toContainText("'https://hooks.example.test/abc/hooks'");
    });
  }

  test('an endpoint curl would glob is kept whole, and curl is told --globoff', async ({ page }) => {
    const url = 'http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]';
    await page.getByTestId('endpoint').fill(url);
    await expect(page.getByTestId('endpoint-error')).toHaveCount(0);
    await expect(page.getByTestId('delivery-request')).toContainText('POST /hooks/{a,b}[1-4]?ids=[0-9] HTTP/1.1');

    const curl = page.getByTestId('command-curl');
    await expect(curl).toContainText('--globoff');
    const lines = ((await curl.textContent()) ?? '').split(' \\\n');
    expect(lines[0]).toBe(`curl --request POST '${url}'`);
    expect(lines[1]).toBe('  --globoff --path-as-is');

    // HTTPie does not glob and fetch() takes a string: both must only keep the URL one word.
    await expect(page.getByTestId('command-httpie')).toContainText(`http POST '${url}'`);
    await expect(page.getByTestId('command-fetch')).toContainText(`await fetch("${url}", {`);
  });
});
