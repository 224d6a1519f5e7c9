import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import GraphModule from 'graphology';
import gexf from 'graphology-gexf';
import type { GraphConstructor } from 'graphology-types';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCorpus } from '../src/corpus/load-corpus.js';
import { startServer } from '../src/server/serve.js';
import { temporaryDirectories } from './helpers.js';

/**
 * End-to-end: the web app in Debian's chromium, driven by playwright-core. `.ci/run` installs
 * chromium and sets CASUS_E2E=1, so in CI a missing browser is a failure, not a skip; on a
 * machine without chromium the suite is skipped and says so.
 */
const CHROMIUM = '/usr/bin/chromium';
const required = process.env.CASUS_E2E === '1';
const available = existsSync(CHROMIUM);
if (!available && !required) console.warn(`e2e: skipped, no browser at ${CHROMIUM} (apt-get install -y chromium; .ci/run does)`);

/** Where the screenshots go, for a person to look at: test/screenshots/ (not committed). */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const tempDir = temporaryDirectories();
// graphology is CommonJS: under NodeNext its default export is the Graph class, typed as the module.
const Graph = GraphModule as unknown as GraphConstructor;

describe.runIf(available || required)('the web app in a browser (screenshots in test/screenshots/)', () => {
  let browser: Browser;
  let url = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const server = await startServer(defaultCorpus(), { port: 0, db: join(tempDir('casus-e2e-'), 'casus.db') });
    url = server.url;
    close = server.close;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await close();
  });

  const open = async (path: string, width = 1280, height = 800): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
    // Fail with the locator's name well before the test's own timeout.
    page.setDefaultTimeout(10_000);
    await page.goto(`${url}/${path}`);
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  /** From the home page, opens the report of the crisis whose card holds `text`. */
  const openCrisis = (page: Page, text: string) =>
    page.locator('article.crisis', { hasText: text }).getByRole('button', { name: 'Open the report' }).click();
  const francoSoviet = (page: Page) => page.locator('[data-testid=edges] li[data-edges*="franco-soviet-1935:"]');

  it('shows the Franco-Soviet edge on 27 March 1936, not on the 26th, moving the slider by keyboard', async () => {
    const page = await open('#/web?at=1936-03-26');
    await page.locator('[data-testid=edges] li').first().waitFor();
    expect(await francoSoviet(page).count()).toBe(0);
    await shot(page, 'web-1936-03-26');
    await page.locator('#day-slider').focus();
    await page.keyboard.press('ArrowRight');
    await francoSoviet(page).waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('at=1936-03-27');
    expect(await francoSoviet(page).getAttribute('data-kind')).toBe('mutual-assistance');
    await shot(page, 'web-1936-03-27');
    // The same view on a phone.
    const phone = await open('#/web?at=1936-03-27', 390, 844);
    await francoSoviet(phone).waitFor();
    await shot(phone, 'web-1936-03-27-phone');
  });

  it('explores a state: searched by name, only its treaties and its obligations that day; a day off the slider is said, not swallowed', async () => {
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const page = await open('#/web?at=1936-03-27', width, height);
      await francoSoviet(page).waitFor();
      await page.getByLabel('Explore a state').fill('france');
      await page.getByRole('button', { name: 'Explore', exact: true }).click();
      await page.waitForURL(/state=FRN/);
      const standing = page.locator('section.standing');
      await standing.locator('li[data-treaty="franco-soviet-1935"]').waitFor();
      expect(await standing.locator('h2').textContent()).toBe('France (FRN) on 27 March 1936');
      expect(await standing.locator('li[data-treaty="franco-soviet-1935"] .toward').textContent()).toBe('the USSR');
      // Only France's treaties are listed; the Baltic pacts with the USSR are not.
      const listed = await page.locator('[data-testid=edges] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-edges')));
      expect(listed.length).toBeGreaterThan(3);
      expect(listed.every((e) => /FRN/.test(e ?? ''))).toBe(true);
      expect(await page.getByRole('heading', { name: /In force between states \(\d+ of 15, binding France\)/ }).count()).toBe(1);
      await shot(page, `web-explore${suffix}`);
      await page.getByRole('button', { name: 'Show every state' }).click();
      await page.waitForURL((u) => !u.hash.includes('state='));
    }
    const off = await open('#/web?at=1950-01-01');
    // The slider covers the library's years (GET /api/span): the alliance of 1902 to the last tacit renewal, in 1949.
    await off.getByRole('alert').filter({ hasText: '“1950-01-01” is not a day between 1 January 1902 and 31 December 1949' }).waitFor();
  }, 60_000);

  it('lists on 1 September 1939 the treaties that bind only France or the USSR apart, each with its reason', async () => {
    const page = await open('#/web?at=1939-09-01');
    const czechoslovakSoviet = page.locator('[data-testid=apart] li[data-treaty="czechoslovak-soviet-1935"]');
    await czechoslovakSoviet.waitFor();
    expect(await czechoslovakSoviet.locator('.reason').textContent()).toBe(
      'In force, but binds only the USSR (RUS): Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or annexed, with no recognised government in exile.',
    );
    expect(await page.locator('[data-testid=apart] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-treaty')))).toEqual([
      'czechoslovak-soviet-1935',
      'franco-czechoslovak-1924',
      'franco-czechoslovak-1925',
    ]);
    // The same count as `casus status --at 1939-09-01`: 21 of the corpus's 24 treaties in force.
    expect(await page.getByTestId('in-force-count').textContent()).toMatch(
      /^21 treaties of the corpus in force on 1 September 1939: 15 between states, 3 large multilateral, 3 binding fewer than two states\.$/,
    );
    // The legend is the engine's, consultation among its kinds.
    await page.locator('.legend li', { hasText: 'consultation' }).waitFor();
    await shot(page, 'web-1939-09-01');
  });

  it('shows a treaty article by article with its formalisation', async () => {
    const page = await open('#/treaty/franco-soviet-1935');
    await page.getByText('duty art-2 {').first().waitFor();
    await shot(page, 'treaty-franco-soviet-1935');
    // A reference in a rule is a link to the provision it names; a reading, to its text on the page.
    await page.locator('[id="franco-soviet-1935/art-2"] pre a', { hasText: 'locarno-compatible' }).waitFor();
    await page.locator('[id="franco-soviet-1935/art-2"] pre a', { hasText: 'league-covenant/art-15-7' }).click();
    await page.waitForURL(/#\/treaty\/league-covenant\?provision=league-covenant\/art-15-7/);
    await page.locator('[id="league-covenant/art-15-7"]').waitFor();
  });

  it('says in the app’s words when a link leads nowhere', async () => {
    const treaty = await open('#/treaty/franco-sovet-1935');
    await treaty.getByText('There is no treaty “franco-sovet-1935” in the corpus on this server.').waitFor();
    const run = await open('#/report?run=999');
    await run.getByText('There is no run 999 on this server. Every run this server has kept is listed under Reports.').waitFor();
    expect(await run.locator('main').textContent()).not.toMatch(/GET \/api/);
  });

  it('opens on the crisis library: the founding case is a report in one click, and a crisis copies into the builder', async () => {
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const home = await open('', width, height);
      const founding = home.locator('article.crisis.founding');
      await founding.getByRole('heading', { name: 'Remilitarisation of the Rhineland, 7-19 March 1936' }).waitFor();
      // Every crisis of the library (scenarios/*.yaml) is listed.
      const crises = readdirSync(fileURLToPath(new URL('../scenarios/', import.meta.url))).filter((f) => f.endsWith('.yaml')).length;
      await home
        .locator('.crises article.crisis')
        .nth(crises - 2)
        .waitFor();
      expect(await home.locator('article.crisis').count()).toBe(crises);
      await shot(home, `library${suffix}`);
    }
    const home = await open('');
    await home.locator('article.crisis.founding').getByRole('button', { name: 'Open the report' }).click();
    // One click: the report of the Rhineland crisis, with Locarno's guarantors due.
    await home.waitForURL(/#\/report\?run=\d+/);
    const card = home.locator('article.card', { hasText: 'locarno-rhineland-1925/art-4-2' }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await home.locator('h1').textContent()).toContain('Remilitarisation of the Rhineland');
    const council = await open('');
    await council.locator('article.crisis', { hasText: 'Council' }).first().getByRole('link', { name: 'Copy into the builder' }).click();
    await council.waitForURL(/#\/builder\?library=/);
    await council.waitForFunction(() => (document.querySelector('#yaml') as HTMLTextAreaElement | null)?.value.includes('events:'));
    await council.getByText('✓ The file is valid.').waitFor();
    await council.getByText(/A copy of “.*” from the crisis library/).waitFor();
  }, 60_000);

  it('Germany attacks Czechoslovakia in 1938: from the crisis to the cascade in three actions, stepped through, each entry explained', async () => {
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const page = await open('', width, height);
      // 1: open the Godesberg crisis (a German threat) as a report; 2: its cascade. The view proposes the threatened attack and runs it.
      await page
        .locator('article.crisis', { hasText: 'Threat of German aggression against Czechoslovakia' })
        .getByRole('button', { name: 'Open the report' })
        .click();
      await page.getByRole('link', { name: /How the war spreads/ }).click();
      await page.waitForURL(/#\/cascade\?run=\d+/);
      const france = page.locator('.rounds li.entry-line', {
        hasText: 'France enters the war against Germany, in defence of Czechoslovakia',
      });
      await france.waitFor({ timeout: 20_000 });
      expect(await page.getByLabel('Attacker').inputValue()).toBe('GMY');
      expect(await page.getByLabel('Target').inputValue()).toBe('CZE');
      // The picture: Germany and Czechoslovakia at war from the start, France entering in round 1.
      expect(await page.locator('.war-picture g.state.side-a[data-state=GMY]').count()).toBe(1);
      expect(await page.locator('.war-picture g.state[data-state=FRN].side-b').count()).toBe(1);
      await page.getByRole('button', { name: '◀ Previous round' }).click();
      await page.getByText(/^At the start, /).waitFor();
      expect(await page.locator('.war-picture g.state[data-state=FRN].not-yet').count()).toBe(1);
      await page.getByRole('button', { name: 'Next round ▶' }).click();
      await page.getByText(/^Round 1 of \d+/).waitFor();
      await shot(page, `cascade${suffix}`);
    }
    const page = await open('#/report');
    // The last run is the Godesberg one opened above: its cascade, then the explanation of France's entry.
    await page.locator('ul.runs a', { hasText: 'godesberg-1938' }).first().click();
    await page.getByRole('link', { name: /How the war spreads/ }).click();
    const duty = page
      .locator('.rounds li.entry-line', { hasText: 'France enters' })
      .getByRole('button', { name: 'franco-czechoslovak-1925/art-1' });
    await duty.waitFor({ timeout: 20_000 });
    await duty.click();
    await page.waitForURL(/#\/report\?run=\d+&norm=franco-czechoslovak-1925\/art-1/);
    const card = page.locator('article.card', { hasText: 'franco-czechoslovak-1925/art-1' }).filter({ hasText: 'France' }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.badge').textContent()).toBe('due');
    // Monte Carlo: every state performs with probability one half.
    await page.goBack();
    await page.locator('.rounds li.entry-line').first().waitFor({ timeout: 20_000 });
    await page.getByLabel('Probability for every state').fill('0.5');
    await page.getByLabel('Runs').fill('500');
    await page.getByRole('button', { name: 'Run the cascade' }).click();
    await page.locator('figure.histogram rect').first().waitFor({ timeout: 20_000 });
    const share = await page.locator('table.shares tr', { hasText: 'France' }).locator('td').nth(1).textContent();
    expect(Number.parseFloat(share ?? '')).toBeGreaterThan(30);
    expect(Number.parseFloat(share ?? '')).toBeLessThan(70);
    await shot(page, 'cascade-monte-carlo');
  }, 120_000);

  it('are two treaties compatible: a search in two actions, the periods named, the witness opened as a report', async () => {
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const page = await open('', width, height);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Compatibility' }).click();
      expect(await page.getByLabel('Treaty 1').inputValue()).toBe('franco-czechoslovak-1925');
      await page.getByRole('button', { name: 'Search' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Not compatible/ })
        .waitFor({ timeout: 60_000 });
      const witness = page.locator('article.witness').first();
      expect(await witness.textContent()).toMatch(/France performing franco-czechoslovak-1925\/\S+ breaches locarno-rhineland-1925\//);
      expect(await witness.locator('.witness-events li').count()).toBeGreaterThan(0);
      expect(await page.locator('table.periods tbody tr').count()).toBeGreaterThan(1);
      expect(page.url()).toContain('#/conflicts?treaties=franco-czechoslovak-1925,locarno-rhineland-1925');
      await shot(page, `conflicts${suffix}`);
      if (suffix === '') {
        await witness.getByRole('button', { name: 'Open the witness as a report' }).click();
        await page.waitForURL(/#\/report\?run=\d+&norm=locarno-rhineland-1925/);
        await page.locator('article.card .badge', { hasText: 'breached' }).first().waitFor({ timeout: 15_000 });
      }
    }
  }, 180_000);

  it('shows a timeline of a treaty (the Covenant with every Member) and of a report, each status a band', async () => {
    const page = await open('#/treaty/league-covenant');
    await page.getByRole('link', { name: /The lifecycle as a timeline, with every Member/ }).click();
    await page.waitForURL(/#\/timeline\?treaty=league-covenant/);
    const germany = page.locator('.timeline-bands g.row[data-row="league-covenant:GMY"]');
    await germany.waitFor();
    expect(await germany.locator('rect.band').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-status')))).toEqual([
      'member',
      'notice',
    ]);
    await shot(page, 'timeline-covenant');
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const home = await open('', width, height);
      await openCrisis(home, 'the Council never reports');
      await home.getByRole('link', { name: /Through time: the timeline/ }).click();
      await home.waitForURL(/#\/timeline\?run=\d+/);
      await home.locator('.timeline-bands g.group-instance').first().waitFor({ timeout: 20_000 });
      const statuses = await home
        .locator('.timeline-bands g.group-instance rect.band')
        .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-status')));
      expect(statuses).toContain('pending');
      expect(await home.locator('.timeline-bands g.event-mark').count()).toBeGreaterThan(0);
      await shot(home, `timeline-report${suffix}`);
    }
  }, 90_000);

  it('who can block: Italy alone holds France back in 1937, drawn on the map; what would change it, applied to a copy', async () => {
    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [390, 844, '-phone'],
    ] as const) {
      const page = await open('', width, height);
      await openCrisis(page, 'Italy alone withholds approval');
      await page.getByRole('link', { name: /Who can block each duty/ }).click();
      await page.waitForURL(/#\/vetoes\?run=\d+/);
      const card = page.locator('article.card', { hasText: 'franco-soviet-1935/art-2' }).filter({ hasText: 'France owes the USSR' });
      await card.waitFor({ timeout: 20_000 });
      // One coalition, Italy alone: its map fills Italy and rings France (the holder) and the USSR.
      const maps = card.locator('figure.coalition');
      expect(await maps.count()).toBe(1);
      expect(await maps.first().locator('figcaption').textContent()).toBe('Italy alone');
      expect(
        await maps
          .first()
          .locator('g.state.member')
          .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-state'))),
      ).toEqual(['ITA']);
      expect(await maps.first().locator('g.state.holder').getAttribute('data-state')).toBe('FRN');
      expect(await card.locator('details.steps li').allTextContents()).toContainEqual(
        expect.stringMatching(/Italy approves.*held by Italy/),
      );
      await shot(page, `vetoes${suffix}`);
      if (suffix === '') {
        await card.getByRole('button', { name: 'What would change it?' }).click();
        const change = card.locator('ol.changes li', { hasText: /Add .*Italy approves.*Then the duty is due/ }).first();
        await change.waitFor({ timeout: 30_000 });
        await shot(page, 'vetoes-whatif');
        await change.getByRole('button', { name: 'Apply to a copy and open its report' }).click();
        await page.waitForURL(/#\/report\?run=\d+&norm=franco-soviet-1935\/art-2/);
        const due = page.locator('article.card', { hasText: 'franco-soviet-1935/art-2' }).filter({ hasText: 'France' }).first();
        await due.locator('.badge', { hasText: 'due' }).waitFor({ timeout: 15_000 });
      }
    }
  }, 120_000);

  it('downloads the network of 27 March 1936 as GEXF that a GEXF reader opens, and a report as CSV', async () => {
    const page = await open('#/web?at=1936-03-27');
    await francoSoviet(page).waitFor();
    await page.getByText('Download this network, or the dyad-years').click();
    const [gexfFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GEXF' }).click()]);
    expect(gexfFile.suggestedFilename()).toBe('casus-network-1936-03-27.gexf');
    const graph = gexf.parse(Graph, readFileSync(await gexfFile.path(), 'utf8'));
    expect(graph.getNodeAttributes('FRN')).toMatchObject({ label: 'France', ccode: 220 });
    expect(graph.findEdge((_e, a) => a.treaty === 'franco-soviet-1935')).toBeDefined();
    await shot(page, 'web-downloads');

    const home = await open('');
    await openCrisis(home, 'Italy alone withholds approval');
    const [csvFile] = await Promise.all([home.waitForEvent('download'), home.getByRole('link', { name: 'the report as CSV' }).click()]);
    const lines = readFileSync(await csvFile.path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^scenario,at,norm,treaty,kind,action,holder,holder_ccode,/);
    expect(lines.some((l) => l.includes('franco-soviet-1935/art-2') && l.includes(',FRN,220,RUS,365,GMY,255,pending,'))).toBe(true);
  }, 60_000);

  it('opens the builder on a valid new scenario, with no error', async () => {
    const page = await open('#/builder');
    await page.getByText('✓ The file is valid.').waitFor();
    expect(await page.locator('#yaml').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('builds seed-05 in the builder, runs it, and shows France held back with the three vetoes; the scenario is saved', async () => {
    const page = await open('#/builder');
    const form = page.getByRole('form', { name: 'Add an event' });
    const add = async (type: string, date: string, fields: Record<string, string | string[]>) => {
      await form.getByLabel('Type').selectOption(type);
      await form.getByLabel('Date').fill(date);
      for (const [name, value] of Object.entries(fields)) {
        // A field's label wraps its select: its text is the field's name, then the options' texts.
        const field = form.locator('label').filter({ hasText: new RegExp(`^${name}( \\(optional\\))?(?![a-z-])`) });
        await field.locator('select').selectOption(value);
      }
      await form.getByRole('button', { name: 'Add the event' }).click();
    };
    await add('aggression', '1937-03-01', { by: 'GMY', against: 'RUS', unprovoked: 'true' });
    await add('referral', '1937-03-01', { by: 'RUS', against: 'GMY' });
    await add('council-report', '1937-03-05', { dispute: ['RUS', 'GMY'], unanimous: 'false' });
    const yaml = page.locator('#yaml');
    const text = await yaml.inputValue();
    await yaml.fill(
      text
        .replace('id: my-scenario', 'id: seed-05-in-the-builder')
        .replace('title: A crisis of my own', 'title: Seed 05 built in the browser')
        .replace(/^# at: .*$/m, 'at: 1937-04-01'),
    );
    await page.getByText('✓ The file is valid.').waitFor();
    await shot(page, 'builder-seed-05');
    await page.getByRole('button', { name: /save/i }).click();
    await page.getByText(/Saved as scenario \d+/).waitFor();
    await page.getByRole('button', { name: /run/i }).click();
    const card = page.locator('article.card', { hasText: 'franco-soviet-1935/art-2' }).filter({ hasText: 'France' }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.badge').textContent()).toBe('pending');
    const words = (await card.textContent()) ?? '';
    expect(words).toMatch(/France is held back until/);
    expect(words).toMatch(/Belgium, Italy(,)? and the United Kingdom can each hold France back/);
    await shot(page, 'report-seed-05');

    const again = await open('#/builder');
    // After a reload, the saved scenario is listed and opens with its events.
    await again.reload();
    await again.locator('ul.saved a', { hasText: 'Seed 05 built in the browser' }).click();
    await again.waitForFunction(() =>
      (document.querySelector('#yaml') as HTMLTextAreaElement | null)?.value.includes('type: council-report'),
    );
    expect(await again.locator('#yaml').inputValue()).toContain('id: seed-05-in-the-builder');
    await shot(again, 'builder-saved');
  }, 60_000);
});
