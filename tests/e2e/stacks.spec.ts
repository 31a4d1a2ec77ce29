import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { cobinarSignature, headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

/** Where the page remembers the stack chosen (removed for "any"). */
const STACK_KEY = 'webhook-echo:v1:stack';

/** The stack table as the repository publishes it for tooling (src/stacks.rs keeps it equal). */
const STACKS: Array<{ id: string; language: string; framework: string; proven: boolean; dir: string; files: string[] }> = JSON.parse(
  readFileSync(join(__dirname, '../../snippets/stacks.json'), 'utf8'),
);

/** A compact body pretty-printed: the JSON was parsed and written again (body-reserialized). */
const PRETTY = JSON.stringify(JSON.parse(SPEC_BODY), null, 2);

type Diagnosis = { cause: string; finding: string; fix: string; language?: string };
type WebhookEcho = {
  diagnose(request: { secret: string; body: string; signature: string; stack?: string }): Diagnosis[];
  verify(request: { secret: string; body: string; headers: Record<string, string>; stack?: string }): unknown;
  testPack(language: string): string;
};

/** Calls `webhookEcho.diagnose` in the page; a thrown error comes back as `{ error: "Name: message" }`. */
async function diagnose(page: Page, request: { secret: string; body: string; signature: string; stack?: string }) {
  return page.evaluate((r) => {
    try {
      return { found: (window as unknown as { webhookEcho: WebhookEcho }).webhookEcho.diagnose(r) };
    } catch (e) {
      return { error: `${(e as Error).name}: ${(e as Error).message}` };
    }
  }, request);
}

const storedStack = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STACK_KEY);

test.describe('the stack picker', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
  });

  test('offers any stack, then every stack of snippets/stacks.json grouped by language', async ({ page }) => {
    const picker = page.getByTestId('stack-picker');
    await expect(picker).toHaveValue('any');
    expect(STACKS).toHaveLength(17);
    const groups = await picker.locator('optgroup').evaluateAll((all) =>
      all.map((g) => [g.getAttribute('label'), Array.from(g.querySelectorAll('option'), (o) => o.value)] as const),
    );
    const expected: Array<readonly [string, string[]]> = [];
    // Each language first offers itself (any of its frameworks), then each of its stacks.
    for (const stack of STACKS) {
      const last = expected[expected.length - 1];
      if (last && last[0] === stack.language) last[1].push(stack.id);
      else expected.push([stack.language, [stack.id.split('-')[0], stack.id]]);
    }
    expect(groups).toEqual(expected);
    expect(await picker.locator(':scope > option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))).toEqual(['any']);
    expect(await storedStack(page)).toBeNull();
  });

  test('turns a re-serialised body fix from the any-stack list into FastAPI idiom, remembered across a reload', async ({ page }) => {
    const picker = page.getByTestId('stack-picker');
    await verifier.paste(SECRET, PRETTY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    const item = page.getByTestId('diagnosis').and(page.locator('[data-cause="body-reserialized"]'));
    const fix = item.getByTestId('diagnosis-fix');
    // Any stack: several frameworks' idioms, and the hint to choose one.
    await expect(fix).toContainText("express.raw({ type: 'application/json' })");
    await expect(fix).toContainText('in FastAPI');
    await expect(fix).toContainText('in Laravel');
    await expect(fix).toContainText('choose your stack');
    await expect(page.getByTestId('stack-hint')).toBeVisible();
    await expect(item.getByTestId('diagnosis-evidence')).toHaveCount(0);

    await picker.selectOption('python-fastapi');
    await expect(fix).toContainText('in FastAPI, raw = await request.body()');
    await expect(fix).not.toContainText(/express/i);
    await expect(fix).not.toContainText('in Laravel');
    await expect(fix).not.toContainText('choose your stack');
    await expect(page.getByTestId('stack-hint')).toHaveCount(0);
    expect(await storedStack(page)).toBe('python-fastapi');

    await page.reload();
    await expect(picker).toHaveValue('python-fastapi');
    await verifier.paste(SECRET, PRETTY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(fix).toContainText('await request.body()');
    await expect(fix).not.toContainText(/express/i);
    await expect(page.getByTestId('stack-hint')).toHaveCount(0);
  });

  test('a language alone speaks each of its frameworks, and the Echo tab shows its first', async ({ page }) => {
    const picker = page.getByTestId('stack-picker');
    await picker.selectOption('php');
    await expect(picker).toHaveValue('php');
    await verifier.paste(SECRET, PRETTY, headersFor(SPEC_BODY));
    const fix = page.getByTestId('diagnosis').and(page.locator('[data-cause="body-reserialized"]')).getByTestId('diagnosis-fix');
    await expect(fix).toContainText("file_get_contents('php://input')");
    await expect(fix).toContainText('$request->getContent()');
    await expect(fix).not.toContainText(/express|request\.body\(\)/i);
    await page.reload();
    await expect(picker).toHaveValue('php');
    await page.getByTestId('tab-echo').click();
    await expect(page.getByTestId('snippet-php')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('snippet-php-plain')).toHaveAttribute('aria-pressed', 'true');
  });

  test('choosing any stack again forgets the choice', async ({ page }) => {
    const picker = page.getByTestId('stack-picker');
    await picker.selectOption('ruby-rails');
    await expect.poll(() => storedStack(page)).toBe('ruby-rails');
    await picker.selectOption('any');
    await expect.poll(() => storedStack(page)).toBeNull();
    await page.reload();
    await expect(picker).toHaveValue('any');
    expect(await storedStack(page)).toBeNull();
  });

  test("evidence of another language overrides the choice, and says so: [object Object] is Node's", async ({ page }) => {
    await page.getByTestId('stack-picker').selectOption('python-flask');
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY, { 'x-cobinar-signature': cobinarSignature(SECRET, '[object Object]') }));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    const item = page.getByTestId('diagnosis').and(page.locator('[data-cause="body-object-coerced"]'));
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('diagnosis-evidence')).toHaveText("The evidence points to Node: this fix is in Node's words.");
    const fix = item.getByTestId('diagnosis-fix');
    await expect(fix).toContainText('in Express');
    await expect(fix).toContainText('in Fastify');
    await expect(fix).not.toContainText('in Flask');
    await expect(fix).not.toContainText('request.get_data');

    // A Node stack chosen: the evidence agrees, so no line, and the fix is that framework's alone.
    await page.getByTestId('stack-picker').selectOption('node-fastify');
    await expect(item.getByTestId('diagnosis-evidence')).toHaveCount(0);
    await expect(fix).toContainText('in Fastify, addContentTypeParser');
    await expect(fix).not.toContainText('in Express');
  });

  test('the Echo tab follows the picker: JDK HttpServer shows Java and both of its files', async ({ page }) => {
    await page.getByTestId('stack-picker').selectOption('java-httpserver');
    await page.getByTestId('tab-echo').click();
    await expect(page.getByTestId('snippet-java')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('snippet-node')).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByTestId('snippet-java-httpserver')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('snippet-java-spring')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('snippet-code')).toContainText('class Receiver');
    await expect(page.getByTestId('snippet-code-1')).toContainText('MessageDigest.isEqual');
    await expect(page.getByTestId('snippet-code-2')).toHaveCount(0);
    await expect(page.getByTestId('copy-snippet')).toHaveAccessibleName('Copy the JDK HttpServer receiver');
    await expect(page.getByTestId('copy-snippet-1')).toHaveAccessibleName('Copy WebhookVerifier.java');
    await expect(page.getByTestId('snippet-install')).toContainText('JDK 17');
    await expect(page.getByTestId('snippet-run')).toContainText('java Receiver');
    await expect(page.getByTestId('snippet-proof')).toHaveCount(0);
  });

  test('a framework button is the same choice as the picker, and an unproven stack says how it is proven', async ({ page }) => {
    await page.getByTestId('tab-echo').click();
    await page.getByTestId('snippet-java').click();
    await expect(page.getByTestId('stack-picker')).toHaveValue('java-httpserver');
    await page.getByTestId('snippet-java-spring').click();
    await expect(page.getByTestId('snippet-java-spring')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('stack-picker')).toHaveValue('java-spring');
    expect(await storedStack(page)).toBe('java-spring');
    const proof = page.getByTestId('snippet-proof');
    await expect(proof).toContainText('Spring Boot cannot be installed where our tests run');
    await expect(proof).toContainText('JDK HttpServer');
    await expect(page.getByTestId('copy-snippet')).toHaveAccessibleName('Copy the Spring Boot receiver');
    await expect(page.getByTestId('copy-snippet-1')).toHaveCount(0);

    await page.getByTestId('snippet-csharp').click();
    await expect(page.getByTestId('stack-picker')).toHaveValue('csharp-httplistener');
    await expect(proof).toHaveCount(0);
    await page.getByTestId('stack-picker').selectOption('csharp-aspnet');
    await expect(page.getByTestId('snippet-csharp-aspnet')).toHaveAttribute('aria-pressed', 'true');
    await expect(proof).toContainText('ASP.NET Core cannot be installed');
    await expect(proof).toContainText('HttpListener');
    await expect(page.getByTestId('snippet-code')).toContainText('EnableBuffering');

    await page.reload();
    await page.getByTestId('tab-echo').click();
    await expect(page.getByTestId('snippet-csharp-aspnet')).toHaveAttribute('aria-pressed', 'true');
    await expect(proof).toBeVisible();
  });
});

test('every stack\'s receiver fits a 360 px screen, and shows its files as they are in the repository', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await new VerifierPage(page).open();
  await page.getByTestId('tab-echo').click();
  for (const stack of STACKS) {
    await page.getByTestId('stack-picker').selectOption(stack.id);
    await expect(page.getByTestId(`snippet-${stack.id}`)).toHaveAttribute('aria-pressed', 'true');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, `${stack.id} makes the page scroll sideways`).toBeLessThanOrEqual(360);
    const copy = await page.getByTestId('copy-snippet').boundingBox();
    expect(copy && copy.x + copy.width, `${stack.id}: its copy button is off screen`).toBeLessThanOrEqual(360);
    for (const [index, name] of stack.files.entries()) {
      const code = page.getByTestId(index === 0 ? 'snippet-code' : `snippet-code-${index}`);
      const file = readFileSync(join(__dirname, '../..', stack.dir, name), 'utf8');
      await expect.poll(() => code.evaluate((pre) => pre.textContent), { message: `${stack.id}: ${name}` }).toBe(file);
    }
  }
});

test.describe('webhookEcho with a stack', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.waitForFunction(() => 'webhookEcho' in window);
  });

  test('diagnose speaks the stack given, names the language the evidence gives away, and rejects an unknown stack', async ({ page }) => {
    const signature = cobinarSignature(SECRET, SPEC_BODY);
    const reserialized = (found: Diagnosis[] | undefined) => found?.find((d) => d.cause === 'body-reserialized');

    const django = await diagnose(page, { secret: SECRET, body: PRETTY, signature, stack: 'python-django' });
    expect(django.error).toBeUndefined();
    const djangoFix = reserialized(django.found)?.fix ?? '';
    expect(djangoFix).toContain('request.body');
    expect(djangoFix).toContain('Django');
    expect(djangoFix).not.toMatch(/express|FastAPI/i);
    expect(reserialized(django.found)?.language).toBeUndefined();

    const any = await diagnose(page, { secret: SECRET, body: PRETTY, signature });
    expect(reserialized(any.found)?.fix).toContain('express.raw');
    const python = await diagnose(page, { secret: SECRET, body: PRETTY, signature, stack: 'python' });
    expect(python.error).toBeUndefined();
    for (const framework of ['Flask', 'FastAPI', 'Django']) expect(reserialized(python.found)?.fix).toContain(`in ${framework}`);
    expect(reserialized(python.found)?.fix).not.toMatch(/express/i);

    const node = await diagnose(page, { secret: SECRET, body: SPEC_BODY, signature: cobinarSignature(SECRET, '[object Object]'), stack: 'python-django' });
    const coerced = node.found?.find((d) => d.cause === 'body-object-coerced');
    expect(coerced?.language).toBe('node');
    expect(coerced?.fix).toContain('in Express');
    expect(coerced?.fix).not.toContain('Django');
    const php = await diagnose(page, { secret: SECRET, body: SPEC_BODY, signature: cobinarSignature(SECRET, 'Array') });
    const phpCoerced = php.found?.find((d) => d.cause === 'body-object-coerced');
    expect(phpCoerced?.language).toBe('php');
    expect(phpCoerced?.fix).toContain("file_get_contents('php://input')");

    const bogus = await diagnose(page, { secret: SECRET, body: PRETTY, signature, stack: 'cobol-cics' });
    expect(bogus.found).toBeUndefined();
    expect(bogus.error).toMatch(/^TypeError: /);
    expect(bogus.error).toContain('"cobol-cics"');
    for (const id of ['any', 'python-django', 'csharp-aspnet', 'python']) expect(bogus.error).toContain(id);

    const verifyError = await page.evaluate((r) => {
      try {
        (window as unknown as { webhookEcho: WebhookEcho }).webhookEcho.verify(r);
        return '';
      } catch (e) {
        return (e as Error).name;
      }
    }, { secret: SECRET, body: SPEC_BODY, headers: {}, stack: 'rails' });
    expect(verifyError).toBe('TypeError');
  });

  test('testPack gives the C# pack', async ({ page }) => {
    const text = await page.evaluate(() => (window as unknown as { webhookEcho: WebhookEcho }).webhookEcho.testPack('csharp'));
    expect(text.length).toBeGreaterThan(0);
    expect(text.startsWith('// Cobinar webhook test pack for C#'), text.slice(0, 80)).toBe(true);
    expect(text).toContain('WebhookVerifier');
    expect(text).toMatch(/whsec_test_pack_[0-9a-f]{32}/);
  });
});
