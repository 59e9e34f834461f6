// Settings › Teams and Settings › Routing in Chromium, and the available/away switch: an admin makes a
// team, sets its targets and members; writes a rule, previews it on recent messages and saves it;
// reorders the rules by keyboard and by dragging; picks a rule's forms by name; an agent filters the
// inbox by form; an agent goes away and comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage } from '../support/customer.ts';
import { postJson } from '../support/http.ts';

describe.skipIf(!hasBrowser)('teams, routing rules and availability, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  let ana: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    admin = await signIn(ecoute.url);
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const page = await signedInPage(browser, ecoute.url, { email, password }, violations);
    page.setDefaultTimeout(8_000);
    return page;
  }

  /** Picks an option of a react-aria select, found by its label. */
  async function choose(scope: Page | ReturnType<Page['locator']>, label: string, option: string, page: Page) {
    // A select's button is named by its value, then its label.
    await scope.getByRole('button', { name: new RegExp(`${label}$`) }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const teams = async () => (await admin.request('GET', '/api/v1/teams')).json.items;
  const ruleNames = async () =>
    (await admin.request('GET', '/api/v1/routing-rules')).json.items.map((rule: { name: string }) => rule.name);

  it('an admin creates a team, sets its targets, adds a member and makes it the default', async () => {
    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.waitForURL(/\/settings\/teams$/);
    await page.getByRole('button', { name: 'New team' }).click();
    const dialog = page.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel('Name').fill('Livraisons');
    await dialog.getByRole('button', { name: 'Create the team' }).click();
    const card = page.getByRole('region', { name: 'Livraisons' });
    await card.waitFor();

    // A target the server refuses is named on its field, and announced.
    const firstReply = card.getByLabel('First reply within (minutes)');
    await firstReply.fill('0');
    await card.getByRole('button', { name: 'Save the targets of Livraisons' }).click();
    await card.getByRole('alert').getByText('Some fields are missing or invalid.').waitFor();
    await card.getByText('A first reply is due within 1 to 43200 minutes.').waitFor();
    expect(await firstReply.getAttribute('aria-invalid')).toBe('true');
    expect(await card.getByLabel('Commitments due after (days)').getAttribute('aria-invalid')).toBeNull();

    await firstReply.fill('90');
    await card.getByLabel('Commitments due after (days)').fill('3');
    await card.getByRole('button', { name: 'Save the targets of Livraisons' }).click();
    await expect
      .poll(async () => (await teams()).find((team: { name: string }) => team.name === 'Livraisons'))
      .toMatchObject({
        firstReplyTargetMinutes: 90,
        commitmentDelayDays: 3,
      });
    await expect.poll(() => card.getByRole('status').textContent()).toBe('Saved.');
    expect(await firstReply.getAttribute('aria-invalid')).toBeNull();

    // A name another team has: said as such (not as a conflict), on the field and announced.
    const rename = card.getByLabel('Rename Livraisons');
    await rename.fill('general');
    await card.getByRole('button', { name: 'Rename', exact: true }).click();
    await card.getByRole('alert').getByText('Another team already has this name.').waitFor();
    expect(await rename.getAttribute('aria-invalid')).toBe('true');
    expect(await card.textContent()).not.toContain('no longer possible');
    await rename.fill('Livraisons');

    await choose(card, 'Add a member to Livraisons', 'Ana', page);
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByRole('list', { name: 'Members of Livraisons' }).getByText('Ana').waitFor();

    await card.getByRole('button', { name: 'Make it the default: Livraisons' }).click();
    await expect
      .poll(async () =>
        (await teams())
          .filter((team: { isDefault: boolean }) => team.isDefault)
          .map((team: { name: string }) => team.name),
      )
      .toEqual(['Livraisons']);
    await card.getByText('Messages that no rule routes go to the default team.').waitFor();
    // Back to General as the default, for what follows.
    await page.getByRole('button', { name: 'Make it the default: General' }).click();
    await expect
      .poll(async () =>
        (await teams())
          .filter((team: { isDefault: boolean }) => team.isDefault)
          .map((team: { name: string }) => team.name),
      )
      .toEqual(['General']);
    expect(violations).toEqual([]);
  });

  it('a rule is written, previewed on recent messages, saved, and reordered by keyboard and by dragging', async () => {
    await writeMessage(ecoute.url, { body: 'Ma livraison est en retard depuis lundi.', locale: 'fr' });
    await writeMessage(ecoute.url, { body: 'Two deliveries, both late.', locale: 'en' });
    await writeMessage(ecoute.url, { body: 'Merci pour votre accueil.', locale: 'fr' });
    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Routing' }).click();
    await page.waitForURL(/\/settings\/routing$/);
    await page.getByText('No rule yet: every message goes to the default team.').waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New rule' });
    await dialog.getByLabel('Name').fill('Livraisons');
    const phrases = dialog.getByLabel('Words or phrases, one per line');
    await phrases.fill('livraisons');
    // Assigning starts by leaving the assignee as it is.
    expect(await dialog.getByRole('button', { name: /^Leave as it is.*Assign$/ }).count()).toBe(1);
    await choose(dialog, 'Move to the team', 'Livraisons', page);
    await dialog.getByLabel('Add the tags (separated by spaces)').fill('colis');
    await choose(dialog, 'Assign', 'Round-robin among the team’s available members', page);
    // Stop words only could never match: the server refuses them, and the field says which.
    await phrases.fill('de la');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog
      .getByText('“de la” has no searchable word (only words like “the” or “de”, which are ignored).')
      .waitFor();
    expect(await phrases.getAttribute('aria-invalid')).toBe('true');
    await phrases.fill('livraisons');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'What it would have done' });
    await preview.getByText('Of the 3 newest messages, 1 would have matched.').waitFor();
    expect(await preview.textContent()).toContain('Ma livraison est en retard');
    expect(await preview.textContent()).toContain('Livraisons (the word livraisons)');
    expect(await preview.textContent()).toContain('team: Livraisons · tags: #colis · assignee: round-robin');
    await dialog.getByRole('button', { name: 'Save the rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Routing rules' }).getByText('Livraisons', { exact: true }).waitFor();
    // The list says what the rule does, the assignment included, in words (no "condition(s)").
    expect(await page.locator('.rule').filter({ hasText: 'Livraisons' }).locator('.rule__summary').textContent()).toBe(
      '1 condition → Livraisons #colis · assignee: round-robin · continues',
    );

    // A second rule, then the order changed with the keyboard: the focus stays on the moved rule.
    const second = await admin.request('POST', '/api/v1/routing-rules', {
      name: 'Anglais',
      match: 'all',
      conditions: [{ kind: 'language', locales: ['en'] }],
      actions: { tags: ['english'] },
      stop: false,
    });
    expect(second.status).toBe(201);
    await page.reload();
    const rules = page.getByRole('list', { name: 'Routing rules' });
    await rules.getByText('Anglais', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Move up: Anglais' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(ruleNames).toEqual(['Anglais', 'Livraisons']);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'now number' }).textContent())
      .toBe('Anglais is now number 1.');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move down: Anglais');

    // By dragging: Livraisons's handle onto the first row.
    await page
      .getByRole('img', { name: 'Drag Livraisons' })
      .dragTo(page.locator('.rule').filter({ hasText: 'Anglais' }));
    await expect.poll(ruleNames).toEqual(['Livraisons', 'Anglais']);

    // The whole list's preview: each rule on the message it matches (a French phrase, an English message).
    await page.getByRole('button', { name: 'Preview the whole list' }).click();
    const all = page.getByRole('region', { name: 'What they would have done' });
    await all.getByText('Of the 3 newest messages, 2 would have matched.').waitFor();
    expect(await all.textContent()).toContain(
      'Anglais (in English)team: unchanged · tags: #english · assignee: unchanged',
    );
    expect(await all.textContent()).toContain(
      'Livraisons (the word livraisons)team: Livraisons · tags: #colis · assignee: round-robin',
    );
    expect(violations).toEqual([]);
  });

  it('the message page moves a message to a team and gives it to someone, with a reason', async () => {
    const message = await writeMessage(ecoute.url, { body: 'Un colis abîmé, que faire ?', locale: 'fr' });
    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.goto(`${ecoute.url}/messages/${message.id}`);
    const panel = page.getByRole('region', { name: 'Team and assignee' });
    await choose(panel, 'Team', 'Livraisons', page);
    await choose(panel, 'Assigned to', 'Ana', page);
    await panel.getByLabel('Why (optional)').fill('Un colis : c’est pour les livraisons');
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('moved it from General to Livraisons').waitFor();
    await timeline.getByText('assigned it: Ana').waitFor();
    expect(await timeline.getByText('Un colis : c’est pour les livraisons').count()).toBe(2);
    const moved = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json.message;
    expect(moved).toMatchObject({ team: { name: 'Livraisons' }, assignee: { name: 'Ana' } });
    expect(violations).toEqual([]);
  });

  it('a rule’s form condition picks forms by name, and an agent filters the inbox by form', async () => {
    const form = await admin.request('POST', '/api/v1/forms', { key: 'boutique', name: 'La boutique' });
    expect(form.status).toBe(201);
    const sent = await postJson(`${ecoute.url}/api/v1/forms/boutique/messages`, {
      body: 'Un bouton de la veste est tombé.',
      locale: 'fr',
    });
    expect(sent.status).toBe(201);
    const elsewhere = await writeMessage(ecoute.url, { body: 'Une question sur un autre sujet.', locale: 'fr' });

    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.goto(`${ecoute.url}/settings/routing`);
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New rule' });
    await dialog.getByLabel('Name').fill('Boutique');
    await choose(dialog, 'Condition 1', 'Form', page);
    const forms = dialog.getByRole('group', { name: 'Forms' });
    // The checkbox's label is what a mouse clicks (the input itself is visually hidden).
    await forms.getByText('La boutique', { exact: true }).click();
    expect(await forms.getByRole('checkbox', { name: 'La boutique' }).isChecked()).toBe(true);
    await dialog.getByLabel('Add the tags (separated by spaces)').fill('boutique');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'What it would have done' });
    await preview.getByText(/1 would have matched/).waitFor();
    expect(await preview.textContent()).toContain('Un bouton de la veste');
    await dialog.getByRole('button', { name: 'Save the rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rules = (await admin.request('GET', '/api/v1/routing-rules')).json.items;
    expect(rules.find((rule: { name: string }) => rule.name === 'Boutique').conditions).toEqual([
      { kind: 'form', formIds: [form.json.id] },
    ]);

    // An agent (who cannot read the forms' settings) filters the inbox by the form's name.
    const agent = await signedIn('ana@shop.example', passwordOf('ana@shop.example'));
    await agent.goto(`${ecoute.url}/inbox/all`);
    const rows = agent.locator('li.row');
    await rows.filter({ hasText: elsewhere.reference }).waitFor();
    await choose(agent, 'Form', 'La boutique', agent);
    await agent.waitForURL(new RegExp(`formId=${form.json.id}`));
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain(sent.json.reference);
    expect(violations).toEqual([]);
  });

  it('an agent goes away and comes back with the switch in the header', async () => {
    const page = await signedIn('ana@shop.example', passwordOf('ana@shop.example'));
    const toggle = page.getByRole('switch', { name: 'Available for new messages' });
    expect(await toggle.isChecked()).toBe(true);
    await page.getByText('Available', { exact: true }).waitFor();
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await ana.request('GET', '/api/v1/auth/me')).json.user.available).toBe(false);
    await page.getByText('Away', { exact: true }).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // The switch's label is what a mouse clicks (the input itself is visually hidden).
    await page.getByText('Away', { exact: true }).click();
    await expect.poll(async () => (await ana.request('GET', '/api/v1/auth/me')).json.user.available).toBe(true);
    expect(await toggle.isChecked()).toBe(true);
    // Agents have no settings for teams or rules.
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Teams' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Routing' }).count()).toBe(0);
    expect(violations).toEqual([]);
  });
});
