// Browser tests of the ernte dashboard: Debian's chromium driven by
// playwright-core over a running `ernte serve`. Run by run-browser-tests:
//   node dashboard.test.mjs BASE_URL ARTIFACTS_DIR
// Each page loads without console errors, shows the quality API's numbers,
// passes axe-core without serious or critical findings and is usable by
// keyboard; the Mängelliste has the publisher's findings; the XSS record
// runs nothing. A screenshot of each page is kept in ARTIFACTS_DIR.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node dashboard.test.mjs BASE_URL ARTIFACTS_DIR');
  process.exit(2);
}

const failures = [];
let checks = 0;
function check(condition, message) {
  checks += 1;
  if (!condition) {
    failures.push(message);
    console.log(`FAIL ${message}`);
  }
}

async function api(path) {
  const response = await fetch(base + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const profile = mkdtempSync(join(tmpdir(), 'ernte-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/// Open a page, watching the console; returns the page and its console errors.
async function open(path, name) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(base + path, { waitUntil: 'load' });
  check(response && response.status() === 200, `${path}: HTTP ${response && response.status()}`);
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  return { page, errors };
}

/// axe-core over the page: no serious or critical violations.
async function accessible(page, path) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.log(`axe ${path}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  }
  check(bad.length === 0, `${path}: axe-core found ${bad.length} serious or critical violation(s)`);
}

/// Whether Tab reaches the element within `presses` key presses.
async function reachable(page, selector, presses = 60) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.locator('body').focus();
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
  }
  return false;
}

async function finish(page, errors, path) {
  check(errors.length === 0, `${path}: console errors: ${errors.join(' | ')}`);
  await accessible(page, path);
  await page.close();
}

const number = (text) => Number(String(text).replace(',', '.'));

try {
  // ---------------------------------------------------------------- overview
  const summary = (await api('/api/quality/summary')).catalogue;
  const publishers = (await api('/api/quality/publishers')).publishers;
  {
    const { page, errors } = await open('/', 'overview');
    const mean = await page.locator('#catalogue-summary [data-field=mean]');
    check(Number(await mean.getAttribute('data-value')) === summary.mean, 'overview: mean equals the API');
    check(number(await mean.textContent()) === summary.mean, 'overview: the mean shown equals the API');
    check(Number(await page.locator('#catalogue-summary dd[data-field=datasets]').textContent()) === summary.datasets,
          'overview: datasets equal the API');
    const rows = await page.locator('#publishers tbody tr').count();
    check(rows === publishers.length, `overview: ${rows} publisher rows, the API has ${publishers.length}`);
    for (const p of publishers) {
      const row = page.locator(`#publishers tr[data-publisher="${p.name.replace(/"/g, '\\"')}"]`);
      const shown = await row.locator('td[data-value]').first().getAttribute('data-value');
      check(p.scored === 0 ? shown === '' : Number(shown) === p.mean, `overview: mean of ${p.name} equals the API`);
    }
    check(await page.locator('#ratings svg[role=img]').count() === 1, 'overview: ratings chart');
    check(await page.locator('#trend table tbody tr').count() >= 2, 'overview: trend over the two runs');
    check(await reachable(page, 'a.skip'), 'overview: the skip link is reachable by keyboard');
    check(await reachable(page, '#lang-switch'), 'overview: the language switch is reachable by keyboard');
    check(await reachable(page, '#sort-score'), 'overview: sorting by score is reachable by keyboard');
    // Sorting by keyboard: Enter on the focused sort link.
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=score/);
    const order = await page.locator('#publishers tbody tr td[data-value]').evaluateAll(
      (cells) => cells.map((c) => c.getAttribute('data-value')).filter((v) => v !== '').map(Number));
    check(order.every((v, i) => i === 0 || order[i - 1] >= v), 'overview: sorted by score, best first');
    await finish(page, errors, '/');
  }
  {
    const { page, errors } = await open('/?lang=en', 'overview-en');
    check(await page.getAttribute('html', 'lang') === 'en', 'overview in English: lang="en"');
    check((await page.locator('nav').textContent()).includes('Overview'), 'overview in English: English navigation');
    await finish(page, errors, '/?lang=en');
  }

  // ---------------------------------------------------------------- publisher with the Mängelliste
  const scoredPublisher = publishers.filter((p) => p.name && p.scored > 0).sort((a, b) => b.datasets - a.datasets)[0];
  const publisherPath = `/publisher/${encodeURIComponent(scoredPublisher.name)}`;
  const publisherApi = await api(`/api/quality/publishers/${encodeURIComponent(scoredPublisher.name)}?lang=de`);
  let someDataset;
  {
    const { page, errors } = await open(publisherPath, 'publisher');
    check(Number(await page.locator('#publisher-summary [data-field=mean]').getAttribute('data-value')) ===
          publisherApi.catalogue.mean, 'publisher: mean equals the API');
    check(await page.locator('#dimensions svg[role=img]').count() === 1, 'publisher: dimension chart');
    check(await page.locator('#dimensions table tbody tr').count() === 5, 'publisher: dimension table with 5 rows');
    const totals = await page.locator('#datasets tbody tr td.num').evaluateAll((c) => c.map((x) => x.textContent));
    const numeric = totals.filter((t) => t !== '–').map(Number);
    check(numeric.every((v, i) => i === 0 || numeric[i - 1] <= v), 'publisher: datasets worst first');
    someDataset = await page.locator('#datasets tbody tr').first().getAttribute('data-dataset');
    check(await reachable(page, '#findings-csv'), 'publisher: the Mängelliste link is reachable by keyboard');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter((l) => l.length > 0);
    const findings = publisherApi.datasets.reduce((n, d) => n + d.findings.length, 0);
    check(lines[0].startsWith('Datensatz-ID,Datensatz,IRI,Regel,Mangel,Punktverlust,Behebung'), 'CSV: German header');
    check(lines.length - 1 === findings, `CSV: ${lines.length - 1} rows, the API has ${findings} findings`);
    const first = publisherApi.datasets.find((d) => d.findings.length > 0);
    check(lines.some((l) => l.startsWith(`${first.id},`) && l.includes(`,${first.findings[0].rule},`)),
          'CSV: has the findings of a dataset');
    await finish(page, errors, publisherPath);
  }

  // ---------------------------------------------------------------- dataset
  {
    const datasetApi = await api(`/api/quality/datasets/${someDataset}`);
    const path = `/dataset/${someDataset}`;
    const { page, errors } = await open(path, 'dataset');
    check(Number(await page.locator('#dataset-score .score').getAttribute('data-value')) === datasetApi.mqa.total,
          'dataset: score equals the API');
    check(await page.locator('#indicators tbody tr').count() === 23, 'dataset: 23 indicators');
    for (const [id, result] of Object.entries(datasetApi.mqa.indicators)) {
      const cell = await page.locator(`#indicators tr[data-indicator="${id}"] td.num`).textContent();
      check(cell.startsWith(`${result.points} / `), `dataset: points of ${id} equal the API`);
    }
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    check(ld['@type'] === 'Dataset' && ld.name === datasetApi.title, 'dataset: schema.org JSON-LD names the dataset');
    await finish(page, errors, path);
  }

  // ---------------------------------------------------------------- the XSS record
  {
    const xssApi = (await api('/api/quality/publishers')).publishers.find((p) => p.name.includes('XSS'));
    check(Boolean(xssApi), 'the XSS publisher is in the catalogue');
    const xssPublisher = await api(`/api/quality/publishers/${encodeURIComponent(xssApi.name)}`);
    const id = xssPublisher.datasets[0].id;
    for (const [path, name] of [[`/dataset/${id}`, 'xss-dataset'],
                                [`/publisher/${encodeURIComponent(xssApi.name)}`, 'xss-publisher'], ['/', 'xss-overview']]) {
      const { page, errors } = await open(path, name);
      const pwned = await page.evaluate(() => window.__pwned === true || document.title === 'pwned');
      check(!pwned, `${path}: the XSS fixture ran script`);
      if (name === 'xss-dataset') {
        check((await page.locator('h1').textContent()).includes('<script>document.title="pwned"'),
              'XSS: the title is shown as text');
        check(await page.locator('a[href^="javascript:"]').count() === 0, 'XSS: no javascript: links');
        const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
        check(ld.name.includes('<script>'), 'XSS: the JSON-LD carries the title as text');
      }
      await finish(page, errors, path);
    }
  }

  // ---------------------------------------------------------------- search
  {
    // A word of some dataset's title, searched by keyboard, then narrowed by a publisher.
    const some = (await api('/api/3/action/package_search?rows=1')).result.results[0];
    const word = (some.title.match(/[A-Za-zÄÖÜäöüß]{4,}/g) || ['Daten']).sort((a, b) => b.length - a.length)[0];
    const { page, errors } = await open('/search', 'search');
    check(await page.locator('nav a[href="/search"]').count() === 1, 'search: linked from the navigation');
    check(await reachable(page, '#search-q'), 'search: the text field is reachable by keyboard');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const shown = Number(await page.locator('#result-count').getAttribute('data-count'));
    const apiCount = (await api(`/api/3/action/package_search?rows=0&q=${encodeURIComponent(word)}`)).result.count;
    check(shown === apiCount && shown > 0, `search "${word}": ${shown} found, package_search finds ${apiCount}`);
    check(await page.locator('#search-results > li').count() === Math.min(shown, 20), 'search: a page of results');
    const facet = page.locator('#facet-organization li[data-value] a').first();
    const org = await facet.evaluate((a) => a.closest('li').getAttribute('data-value'));
    const facetCount = Number(await facet.evaluate((a) => a.closest('li').getAttribute('data-count')));
    await facet.click();
    await page.waitForURL(/organization=/);
    await page.screenshot({ path: join(artifacts, 'search-filtered.png'), fullPage: true });
    const filtered = Number(await page.locator('#result-count').getAttribute('data-count'));
    const fq = encodeURIComponent(`organization:"${org}"`);
    const apiFiltered = (await api(`/api/3/action/package_search?rows=0&q=${encodeURIComponent(word)}&fq=${fq}`)).result.count;
    check(filtered === apiFiltered && filtered === facetCount,
          `search "${word}" of ${org}: ${filtered} found, package_search finds ${apiFiltered}, the facet said ${facetCount}`);
    check(page.url().includes(`q=${encodeURIComponent(word)}`), 'search: the filter keeps the text');
    check(await page.locator('#chosen-filters a.remove').count() === 1, 'search: the chosen filter can be removed');
    await finish(page, errors, '/search');
    for (const [path, name] of [['/search?q=script', 'search-xss'], ['/search?page=999999999999&rating=superb', 'search-bad'],
                                ['/search?lang=en', 'search-en']]) {
      const opened = await open(path, name);
      check(!(await opened.page.evaluate(() => window.__pwned === true || document.title === 'pwned')), `${path}: ran script`);
      await finish(opened.page, opened.errors, path);
    }
  }

  // ---------------------------------------------------------------- sources and runs
  {
    const { page, errors } = await open('/sources', 'sources');
    const sources = await api('/api/sources');
    check(await page.locator('section.source').count() === sources.length, 'sources: one section per source');
    for (const s of sources) {
      const shown = await page.locator(`section[data-source="${s.name}"] dd[data-field=datasets]`).textContent();
      check(Number(shown) === s.datasets, `sources: datasets of ${s.name} equal the API`);
    }
    await finish(page, errors, '/sources');
    const runs = await api('/api/runs');
    const runPath = `/runs/${runs[0].id}`;
    const run = await open(runPath, 'run');
    check((await run.page.locator('h1').textContent()).includes(String(runs[0].id)), 'run page names the run');
    await finish(run.page, run.errors, runPath);
  }
} catch (e) {
  failures.push(`the test stopped: ${e.stack || e}`);
  console.log(`FAIL ${e.stack || e}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${checks} checks, ${failures.length} failed; screenshots in ${artifacts}`);
process.exit(failures.length === 0 ? 0 : 1);
