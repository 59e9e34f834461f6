// <ecoute-form form="KEY">: the dependency-free feedback form third-party pages embed.
// Everything lives in its shadow root; nothing typed is lost, and only a 201 counts as sent. Only
// Ecoute's explicit refusal ends the retries: an outage, whatever it looks like, never does.
import { LIMITS } from '../../shared/src/limits.ts';
import { newIdempotencyKey, SavedMessage, type Payload, type Pending } from './saved-message.ts';
import STRINGS from './strings.json';
import { STYLES } from './styles.ts';

/** The Ecoute server is the one that served this script, unless an element says otherwise. */
const scriptOrigin = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return location.origin;
  }
})();

const MAX_RETRY_MS = 60_000;
/** A request that hangs this long is treated as a network failure: queued and tried again. */
const REQUEST_TIMEOUT_MS = 20_000;
const timeout = () => AbortSignal.timeout?.(REQUEST_TIMEOUT_MS);

const TEMPLATE = `<form>
<label for="body"></label><textarea id="body" name="body" required maxlength="${LIMITS.body}" aria-describedby="body-err"></textarea>
<p class="err" id="body-err"></p>
<label for="name"></label><input id="name" name="name" autocomplete="name" maxlength="${LIMITS.name}" aria-describedby="name-err">
<p class="err" id="name-err"></p>
<label for="email"></label><input id="email" name="email" type="email" autocomplete="email" maxlength="${LIMITS.email}" aria-describedby="email-hint email-err">
<p class="hint" id="email-hint"></p><p class="err" id="email-err"></p>
<div class="hp" aria-hidden="true"><input name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit"></button>
</form>
<div class="done" hidden><p class="ack" tabindex="-1"></p><p><span class="ref-label"></span> <strong class="ref"></strong></p>
<p><a class="link" target="_blank" rel="noopener"></a></p><button type="button" class="again"></button></div>
<p class="status" role="status" aria-live="polite"></p>`;

/** Copied from the customer catalogue at build time (web/embed-strings.ts). */
type Lang = keyof typeof STRINGS;

const FIELDS = ['body', 'name', 'email'] as const;
type Field = (typeof FIELDS)[number];

/** What Ecoute said when it refused a message (`origin_not_allowed`, `form_not_found`, `invalid_request`…). */
interface Refusal {
  code: string;
  message?: string;
  fields?: Record<string, string>;
}

/** Dispatched on the element; they bubble and cross shadow roots, so a host page hears them anywhere. */
export interface EcouteFormEventMap {
  /** Ecoute has the message. */
  'ecoute-sent': CustomEvent<{ reference: string; trackingUrl: string }>;
  /** Not sent yet: kept (on this device when `stored`) and tried again. */
  'ecoute-queued': CustomEvent<{ stored: boolean }>;
  /** Ecoute refused it (`status` 0: the form refuses this page, or there is no such form); the text stays. */
  'ecoute-refused': CustomEvent<{ status: number; code: string }>;
}

declare global {
  interface HTMLElementTagNameMap {
    'ecoute-form': EcouteFormElement;
  }
  // Typed wherever a page listens: on the element, or on the document it bubbles up to. (Declaration
  // merging: the members come from EcouteFormEventMap.)
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends EcouteFormEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends EcouteFormEventMap {}
}

/** Ecoute's own refusal, in its error shape: a proxy's or a firewall's page is an outage instead. */
const refusalIn = (answer: unknown) => {
  const error = (answer as { error?: Refusal } | undefined)?.error;
  return typeof error?.code === 'string' ? error : undefined;
};

export class EcouteFormElement extends HTMLElement {
  static define(tag = 'ecoute-form', registry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  static observedAttributes = ['accent', 'lang', 'form', 'endpoint'];

  get form(): string {
    return this.getAttribute('form') ?? '';
  }
  set form(key: string) {
    this.setAttribute('form', key);
  }
  get endpoint(): string {
    return this.getAttribute('endpoint') ?? '';
  }
  set endpoint(url: string) {
    this.setAttribute('endpoint', url);
  }
  get accent(): string {
    return this.getAttribute('accent') ?? '';
  }
  set accent(color: string) {
    this.setAttribute('accent', color);
  }
  // `lang` is HTMLElement's own property, which reflects the attribute already.

  #root = this.attachShadow({ mode: 'open' });
  #sheet = new CSSStyleSheet();
  #saved!: SavedMessage;
  #startedAt = 0;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryAt = 0;
  #sending = false;
  /** The form's own colour, as Ecoute says it: the `accent` attribute wins over it. */
  #formAccent = '';
  #onOnline = () => this.#retryNow();

  connectedCallback(): void {
    addEventListener('online', this.#onOnline);
    // Moved in the page (SPAs do): keep what is shown and carry on with the retries.
    if (this.#saved) return this.#schedule();
    this.#applyAccent();
    this.#root.adoptedStyleSheets = [this.#sheet];
    this.#root.innerHTML = TEMPLATE;
    this.#showLanguage();
    const form = this.#form;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    form.addEventListener('input', () => {
      if (!this.#saved.pending)
        this.#saved.draft = { body: this.#value('body'), name: this.#value('name'), email: this.#value('email') };
    });
    this.#$('.again').addEventListener('click', () => this.#showForm(true));
    this.#useSlot();
  }

  /** Asks Ecoute for the form's colour; without an answer the widget keeps its own. */
  async #fetchFormAccent(): Promise<void> {
    const form = this.form;
    try {
      const response = await fetch(
        `${this.#endpoint}/api/v1/forms/${encodeURIComponent(form)}/status?origin=${encodeURIComponent(location.origin)}`,
        { credentials: 'omit', signal: timeout() },
      );
      const { accent } = await response.json();
      // An answer about another form (the attribute changed meanwhile) is not this one's colour.
      if (form !== this.form) return;
      this.#formAccent = response.ok && typeof accent === 'string' ? accent : '';
      this.#applyAccent();
    } catch {
      // Unreachable: the widget's own colour does.
    }
  }

  disconnectedCallback(): void {
    clearTimeout(this.#timer);
    removeEventListener('online', this.#onOnline);
  }

  attributeChangedCallback(name: string): void {
    if (name === 'accent') return this.#applyAccent();
    if (!this.#saved) return; // not shown yet: connectedCallback reads them
    if (name === 'lang') return this.#showLanguage();
    // A message on its way stays with the form it was written for; the new form is used after it.
    if (!this.#saved.pending) this.#useSlot();
  }

  /** Screen readers read the widget in its own language, not the page's. */
  #showLanguage(): void {
    const t = this.#t;
    for (const element of this.#root.children) (element as HTMLElement).lang = this.#lang;
    for (const field of FIELDS) this.#$(`label[for=${field}]`).textContent = t[field];
    this.#$('#email-hint').textContent = t.emailHint;
    this.#$('button[type=submit]').textContent = t.send;
    this.#$('.ref-label').textContent = t.reference;
    this.#$('.link').textContent = t.follow;
    this.#$('.again').textContent = t.another;
  }

  /** Works for the form the attributes name now: what was saved for it comes back, and is sent. */
  #useSlot(): void {
    if (this.#saved?.endpoint === this.#endpoint && this.#saved.form === this.form) return;
    this.#saved = new SavedMessage(this.#endpoint, this.form);
    void this.#fetchFormAccent();
    const pending = this.#saved.pending;
    // A text still shown (one the old form refused) is not replaced by the new form's draft.
    const restored = pending?.payload ?? (this.#value('body') ? undefined : this.#saved.draft);
    if (restored) for (const field of FIELDS) this.#input(field).value = restored[field] ?? '';
    // Timing starts when the form is shown (a pasted text is sent quickly); a restored one's is unknown.
    else this.#startedAt ||= Date.now();
    if (pending) {
      this.#queued();
      this.#send(pending);
    }
  }

  /** By primary language subtag: "fr-CA" is French, "fry" (Frisian) is not. */
  get #lang(): Lang {
    return /^fr(-|$)/i.test(this.getAttribute('lang') || document.documentElement.lang) ? 'fr' : 'en';
  }

  get #t() {
    return STRINGS[this.#lang];
  }

  get #endpoint(): string {
    return (this.endpoint || scriptOrigin).replace(/\/+$/, '');
  }

  /** The address of the form the pending message was written for, whatever the attributes say now. */
  #formUrl(path: string): string {
    return `${this.#saved.endpoint}/api/v1/forms/${encodeURIComponent(this.#saved.form)}/${path}`;
  }

  get #form(): HTMLFormElement {
    return this.#$('form') as HTMLFormElement;
  }

  #$(selector: string): HTMLElement {
    return this.#root.querySelector(selector) as HTMLElement;
  }

  #input(field: Field | 'website'): HTMLInputElement {
    return this.#form.elements.namedItem(field) as HTMLInputElement;
  }

  #value(field: Field | 'website'): string {
    return this.#input(field).value.trim();
  }

  /** In the shadow root's own sheet, with `!important`, so no host-page rule can override it. */
  #applyAccent(): void {
    const accent = this.getAttribute('accent') || this.#formAccent;
    this.#sheet.replaceSync(
      STYLES + (accent && CSS.supports('color', accent) ? `:host{--ecoute-widget-accent:${accent}!important}` : ''),
    );
  }

  #status(text: string, alert = false): void {
    const status = this.#$('.status');
    status.setAttribute('role', alert ? 'alert' : 'status');
    status.textContent = text;
  }

  #submit(): void {
    if (this.#sending || this.#saved.pending) return;
    this.#markFields({});
    const body = this.#input('body').value;
    if (!body.trim()) return this.#fieldErrors({ body: this.#t.empty });
    const payload: Payload = { body, locale: this.#lang, website: this.#input('website').value };
    const name = this.#value('name');
    const email = this.#value('email');
    if (name) payload.name = name;
    if (email) payload.email = email;
    if (/^https?:/.test(location.protocol)) {
      // Only a URL the server accepts (RFC 3986, whole): browsers leave [ ] | ^ and stray % in paths.
      const pageUrl =
        location.origin + location.pathname.replace(/[^\w.~!$&'()*+,;=:@/%-]|%(?![\dA-Fa-f]{2})/gu, encodeURIComponent);
      if (pageUrl.length <= LIMITS.pageUrl) payload.pageUrl = pageUrl;
    }
    // A restored draft's filling time is unknown: no timing rather than a misleading one.
    if (this.#startedAt) payload.fillMs = Date.now() - this.#startedAt;
    const pending = { key: newIdempotencyKey(), payload };
    this.#saved.pending = pending;
    this.#send(pending);
  }

  async #send(pending: Pending): Promise<void> {
    if (this.#sending) return;
    this.#sending = true;
    clearTimeout(this.#timer);
    this.#setBusy(true);
    this.#status(this.#t.sending);
    try {
      const response = await fetch(this.#formUrl('messages'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': pending.key },
        body: JSON.stringify(pending.payload),
        credentials: 'omit',
        signal: timeout(),
      }).catch((error: Error) => error);
      if (response instanceof Error) {
        // No answer to read: an outage, or CORS hiding a refusal. Only Ecoute can say which.
        const refusal = response.name === 'TimeoutError' ? undefined : await this.#refusalOfThisPage();
        return refusal ? this.#refused(0, refusal) : this.#retryLater(0);
      }
      if (response.status === 201) {
        const receipt = await response.json();
        if (!receipt?.reference || !receipt.trackingUrl || !receipt.acknowledgement?.text)
          throw new Error('bad receipt');
        return this.#sent(receipt);
      }
      const refusal = response.status < 500 && response.status !== 429 && refusalIn(await response.json());
      if (!refusal) return this.#retryLater(Number(response.headers.get('retry-after')) * 1000 || 0);
      this.#refused(response.status, refusal);
    } catch {
      // An answer that is not a receipt: the message stays saved and is sent again.
      this.#retryLater(0);
    } finally {
      this.#sending = false;
    }
  }

  /** Asks Ecoute whether the form takes this page: a refusal only when it says so itself. */
  async #refusalOfThisPage(): Promise<Refusal | undefined> {
    try {
      const response = await fetch(this.#formUrl(`status?origin=${encodeURIComponent(location.origin)}`), {
        credentials: 'omit',
        signal: timeout(),
      });
      const answer = await response.json();
      if (response.status === 200 && answer.acceptsOrigin === false) return { code: 'origin_not_allowed' };
      if (response.status === 404 && refusalIn(answer)?.code === 'form_not_found') return { code: 'form_not_found' };
    } catch {
      // Unreachable or unreadable: an outage, not an answer.
    }
    return undefined;
  }

  #retryLater(minimumMs: number): void {
    this.#attempt++;
    const backoff = Math.min(MAX_RETRY_MS, 1000 * 2 ** this.#attempt) * (0.75 + Math.random() / 2);
    this.#retryAt = Date.now() + Math.max(minimumMs, backoff);
    this.#schedule();
    this.#queued();
  }

  /** Arms the next retry, only while in the page: a detached element resumes when it is put back. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.isConnected && this.#saved.pending)
      this.#timer = setTimeout(() => this.#retryNow(), this.#retryAt - Date.now());
  }

  #retryNow(): void {
    const pending = this.#saved.pending;
    if (pending) this.#send(pending);
  }

  /** Says the message is saved on this device only when it is: storage may be refused or full. */
  #queued(): void {
    const { stored } = this.#saved;
    this.#setBusy(true);
    this.#status(stored ? this.#t.queued : this.#t.queuedInPage);
    this.#emit('ecoute-queued', { stored });
  }

  #emit<K extends keyof EcouteFormEventMap>(type: K, detail: EcouteFormEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #sent(receipt: { reference: string; trackingUrl: string; acknowledgement: { text: string } }): void {
    this.#saved.pending = undefined;
    this.#saved.draft = undefined;
    this.#attempt = 0;
    this.#form.reset();
    this.#startedAt = 0;
    this.#$('.ack').textContent = receipt.acknowledgement.text;
    this.#$('.ref').textContent = receipt.reference;
    const link = this.#$('.link') as HTMLAnchorElement;
    link.href = /^https?:\/\//.test(receipt.trackingUrl) ? receipt.trackingUrl : '#';
    this.#status(this.#t.sent);
    this.#form.hidden = true;
    this.#$('.done').hidden = false;
    // Focus on the acknowledgement itself, so screen readers read it out.
    this.#$('.ack').focus();
    this.#emit('ecoute-sent', { reference: receipt.reference, trackingUrl: receipt.trackingUrl });
    this.#useSlot();
  }

  /** Status 0: the form refuses this page's origin, or does not exist (its CORS refusal hides which). */
  #refused(status: number, error: Refusal): void {
    this.#saved.pending = undefined;
    this.#setBusy(false);
    this.#emit('ecoute-refused', { status, code: error.code });
    this.#useSlot();
    if (status === 400 && error.fields) {
      const t = this.#t;
      const fields: Partial<Record<Field, string>> = {};
      for (const field of FIELDS) {
        if (error.fields[field])
          fields[field] = field === 'email' ? t.emailInvalid : field === 'body' ? t.empty : t.tooLong;
      }
      if (Object.keys(fields).length > 0) return this.#fieldErrors(fields);
    }
    this.#status(status ? `${this.#t.refused} ${error.message ?? status}` : this.#t.notAccepted, true);
  }

  #fieldErrors(fields: Partial<Record<Field, string>>): void {
    this.#markFields(fields);
    this.#status(this.#t.invalid, true);
    this.#input(FIELDS.find((field) => fields[field])!).focus();
  }

  #markFields(fields: Partial<Record<Field, string>>): void {
    for (const field of FIELDS) {
      const problem = fields[field];
      if (problem) this.#input(field).setAttribute('aria-invalid', 'true');
      else this.#input(field).removeAttribute('aria-invalid');
      this.#$(`#${field}-err`).textContent = problem ?? '';
    }
  }

  #setBusy(busy: boolean): void {
    for (const element of this.#form.elements) (element as HTMLInputElement).readOnly = busy;
    (this.#$('button[type=submit]') as HTMLButtonElement).disabled = busy;
  }

  #showForm(focus: boolean): void {
    this.#$('.done').hidden = true;
    this.#form.hidden = false;
    this.#setBusy(false);
    this.#status('');
    this.#startedAt = Date.now();
    if (focus) this.#input('body').focus();
  }
}
