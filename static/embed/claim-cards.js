// claim-cards.js — defines the <claim-cards> custom element.
//
//   <script type="module" src="https://your.cdn/claim-cards/claim-cards.js"></script>
//   <claim-cards src="bundle.json">
//     <a href="bundle.json">The claims in this article</a>  <!-- fallback, shown until the widget runs -->
//   </claim-cards>
//
// Attributes: src, archive (instead of src: an archive's folder, from
// `claim-cards archive build`, shown with search, facets and a date range over
// every claim — its own wasm), bundle-origins ("self" and origins: the only
// ones src or archive may come from; absent, any), lang, theme (light | dark | auto), heading-level (1-6),
// share-url (the page "Copy link" links to), sort, speaker, source, topic, kind,
// verdict (comma-separated ids), q, group (speaker), sync-url, loading (eager).
// Changing src or bundle-origins loads the widget afresh; lang, theme,
// heading-level and share-url change only its looks and words, the filters only
// its view: the reader's filters, search, sort, scroll and focus stay.
// A prerendered element (`claim-cards render`) arrives with a declarative
// shadow root holding every card; the widget takes it over when it starts.
// Events (bubbling, composed): claimcards:ready, then claimcards:filterchange
// (once with the first view, then on every change),
// claimcards:error ({url, problems, reason: offline | unreachable | http (with
// status) | not-a-bundle | too-large | interrupted | unreadable | skipped | widget}).
// Methods: setFilters({speaker: [...], q: '...'}), clearFilters(), reveal(claimId); property: filters.
// Full documentation: README.md, "Embedding".
//
// The wasm module is fetched and instantiated once, for every element on the
// page, when the first element comes near the viewport. No inline scripts or
// styles are injected, so the element works under a strict CSP with Trusted Types.

import { wake } from './early.js';

// The widget's files, next to this module. Written as literal `new URL('./…',
// import.meta.url)` and `import('./…')`, which bundlers (webpack, Vite,
// Parcel) recognise and ship with an app; without a bundler, or with one
// that leaves them (esbuild), they are found beside this file.
const WASM_URL = new URL('./claim-cards-__CLAIM_CARDS_VERSION__.wasm', import.meta.url);
const CSS_URL = new URL('./claim-cards-__CLAIM_CARDS_VERSION__.css', import.meta.url);
const loadGlue = () => import('./claim-cards-__CLAIM_CARDS_VERSION__.js');
// The archive view's own wasm (the widget's and the archive's reader): only
// an element with an `archive` attribute loads it.
const ARCHIVE_WASM_URL = new URL('./claim-cards-archive-__CLAIM_CARDS_VERSION__.wasm', import.meta.url);
const loadArchiveGlue = () => import('./claim-cards-archive-__CLAIM_CARDS_VERSION__.js');
/** What a focus or a touch does inside a lazy element that has not started: start it. */
const WAKE_EVENTS = ['focusin', 'pointerdown'];

let wasm = null;
let exports = null;
function loadWasm() {
  // The module's download starts together with its glue code's, not after it.
  wasm ??= (() => {
    const module = fetch(WASM_URL);
    return loadGlue().then(async (glue) => {
      exports = await glue.default({ module_or_path: module });
      performance.mark('claim-cards:wasm-ready');
      return glue;
    });
  })();
  return wasm;
}

/** An archive's manifest, in the folder `archive` names (src/archive/mod.rs's MANIFEST). */
const MANIFEST = 'archive.json';
/** The manifest's URL for an `archive` value: a folder, or the manifest itself. */
const manifestUrl = (archive) => {
  const a = archive.trim();
  return a.endsWith('.json') ? a : `${a}${a.endsWith('/') ? '' : '/'}${MANIFEST}`;
};

/**
 * Starts the download of `url` (a bundle, an archive's manifest) while the
 * wasm loads: the widget takes the response. A failure is the widget's to
 * report, not an unhandled rejection.
 */
function startDownload(url) {
  const response = fetch(url);
  response.catch(() => {});
  return response;
}

let archiveWasm = null;
function loadArchiveWasm() {
  archiveWasm ??= (() => {
    const module = fetch(ARCHIVE_WASM_URL);
    return loadArchiveGlue().then(async (glue) => {
      await glue.default({ module_or_path: module });
      return glue;
    });
  })();
  return archiveWasm;
}

/** Bytes of WebAssembly memory in use by all widgets of the page (0 before loading); for the benchmark. */
export function wasmMemoryBytes() {
  return exports?.memory?.buffer.byteLength ?? 0;
}

// The element's attributes, defined once in Rust (src/element.rs, with the
// view's vocabulary `view::Param`); scripts/build-embed writes them here from
// `claim-cards element attributes`.
const ATTRIBUTES = __CLAIM_CARDS_ATTRIBUTES__;
/** Filter attributes and setFilters() keys, and those of them that hold lists (for embed-frame.js). */
export const { params: FILTERS, lists: LISTS } = ATTRIBUTES;

/** Resolves once the page has painted content (or after 3 s where that is not reported). */
const firstPaint = new Promise((resolve) => {
  const go = () => setTimeout(resolve, 0);
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); go(); }
    }).observe({ type: 'paint', buffered: true });
  } catch { go(); }
  setTimeout(resolve, 3000);
});

/** Host-article elements already linked to a widget, so two widgets never both claim one. */
const linked = new WeakSet();

/** Attributes whose change loads another bundle: the widget is mounted afresh. */
const REMOUNT = ATTRIBUTES.remount;
/** Attributes that change how the widget looks and speaks, never the reader's view. */
const OPTIONS = ATTRIBUTES.options;

/** The claim a `#claim-<id>` page URL names, or null. */
function hashClaim() {
  const hash = location.hash.slice(1);
  if (!hash.startsWith('claim-')) return null;
  try { return decodeURIComponent(hash.slice(6)); } catch { return hash.slice(6); }
}

/** The elements on the page, each with what it does when the page's hash names a claim. */
const elements = new Map();
addEventListener('hashchange', () => { for (const show of elements.values()) show(); });

/**
 * A value of a facet as the widget reads a list: `%` and `,` escaped, so a
 * value may hold a comma (the same escaping as view::attribute_value in Rust).
 */
const listValue = (v) => String(v).replace(/%/g, '%25').replace(/,/g, '%2C');

export class ClaimCardsElement extends HTMLElement {
  static observedAttributes = [...REMOUNT, ...OPTIONS, ...FILTERS];

  #shadow = null;
  #widget = null;
  #observer = null;
  #starting = false;
  #filters = null;
  #links = [];
  /** The bundle is shown: the host API acts at once (before, its calls wait in #queue). */
  #ready = false;
  #queue = [];
  /** A filterchange the widget sent before ready (an inline bundle): sent after it. */
  #heldChange = null;
  /** What the reader did with a prerender's controls before the widget ran (early.js). */
  #early = null;

  connectedCallback() {
    elements.set(this, () => this.#showHashClaim());
    // Moved in the page (removed and added in one go): the widget goes on as it was.
    if (this.#widget || this.#starting) return;
    if (!this.#shadow && this.shadowRoot) {
      // A declarative shadow root: the prerendered widget (never attach over it).
      this.#shadow = this.shadowRoot;
      // What the reader does with its controls (done before too) is replayed once the widget runs.
      if (this.#prerendered()) this.#early = wake(this);
    } else if (!this.#shadow) {
      this.#shadow = this.attachShadow({ mode: 'open' });
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = CSS_URL.href;
      // Until the widget mounts, the light-DOM content (the newsroom's fallback) shows through.
      this.#shadow.append(css, document.createElement('slot'));
    }
    if (this.getAttribute('loading') === 'eager' || !('IntersectionObserver' in window) || this.#mayHold(hashClaim())) {
      // After the current script: a page may still set attributes (page.js, embed-frame.js).
      // A page URL naming one of its claims starts it at once, wherever it is.
      queueMicrotask(() => this.isConnected && this.#start());
    } else {
      // Lazy: started when it comes within 600 px of the viewport, or when
      // the reader reaches it first another way — tabbing into its fallback's
      // or its prerender's controls, or touching it.
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#start();
      }, { rootMargin: '600px 0px' });
      this.#observer.observe(this);
      for (const type of WAKE_EVENTS) this.addEventListener(type, this.#wake, { passive: true });
    }
  }

  /** A focus or touch inside a lazy element that has not started: start it. */
  #wake = () => this.#start();

  /** Stops waiting to be started lazily: the observer and the focus/touch listeners. */
  #stopWaiting() {
    this.#observer?.disconnect();
    this.#observer = null;
    for (const type of WAKE_EVENTS) this.removeEventListener(type, this.#wake);
  }

  disconnectedCallback() {
    // Removed for good unless it is back by the next microtask (a move).
    queueMicrotask(() => {
      if (this.isConnected) return;
      elements.delete(this);
      this.#stopWaiting();
      this.#unmount();
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#widget || oldValue === value) return;
    // An archive view is made afresh for any change (it has no setters yet).
    if (REMOUNT.includes(name) || this.#archive()) this.#remount();
    else if (OPTIONS.includes(name)) this.#widget.setOptions(this.#options());
    else this.#widget.setAttributes(this.#stateFromAttributes());
  }

  /**
   * The page's hash names a claim: reveal it when this widget shows it, or
   * start this widget at once when it may (it has not loaded yet).
   */
  #showHashClaim() {
    const id = hashClaim();
    if (!id || this.#archive()) return;
    if (this.#ready) {
      if (this.#widget.hasClaim(id)) this.#widget.reveal(id);
    } else if (this.#mayHold(id)) {
      this.#start(); // the widget reveals the hash's claim once it is ready
    }
  }

  /** Whether the claim `id` may be this widget's: unknown before loading, unless a prerender says which cards it has. */
  #mayHold(id) {
    if (!id || this.#archive()) return false;
    const mount = this.#shadow?.querySelector('[data-cc-prerender]');
    return !mount || !!mount.querySelector(`[id="claim-${CSS.escape(id)}"]`);
  }

  /** The reader's current choices (as in claimcards:filterchange), or null before loading. */
  get filters() {
    return this.#filters && structuredClone(this.#filters);
  }

  /**
   * Sets the filters: {speaker: ['id'], source: [...], topic: [...], kind: [...], q, sort, group}; a value may hold a comma.
   * Before the widget has loaded, this and the other methods are queued and
   * applied in order once it has (they return true).
   */
  setFilters(filters = {}) {
    const params = new URLSearchParams();
    for (const key of FILTERS) {
      const value = filters[key];
      if (value == null || value === '') continue;
      const list = LISTS.includes(key);
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, list ? listValue(v) : String(v));
    }
    return this.#call((w) => w.setState(params.toString()));
  }

  /** Clears every filter and the search, keeping sort and grouping (as the widget's "Clear all"). */
  clearFilters() {
    return this.#call((w) => w.clearFilters());
  }

  /** Scrolls to a claim's card and highlights it; false when the bundle has no such claim. */
  reveal(claimId) {
    return this.#call((w) => w.reveal(String(claimId)));
  }

  /** Runs a host call now, or once the bundle is shown. */
  #call(fn) {
    if (this.#archive()) return false;
    if (this.#ready) return fn(this.#widget);
    this.#queue.push(fn);
    return true;
  }

  async #start() {
    if (this.#starting || this.#widget) return;
    this.#starting = true;
    this.#stopWaiting();
    // A prerender is on screen already: its downloads wait for the first
    // paint, so that they never compete with it.
    if (this.#prerendered()) await firstPaint;
    if (this.#archive()) return this.#startArchive();
    // The bundle downloads while the wasm does; the widget takes the response.
    const src = this.getAttribute('src');
    const inline = this.querySelector(':scope > script[type="application/json"]');
    const response = src && !inline && !this.#refused() ? startDownload(src) : null;
    try {
      const glue = await loadWasm();
      // Mounting is a task of its own, not the tail of the wasm's instantiation.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.isConnected && !this.#widget) this.#mount(glue, this.getAttribute('src') === src ? response : null);
    } catch (err) {
      this.#asleep();
      this.#emit('error', { url: WASM_URL.href, problems: [`the widget could not start: ${err}`], reason: 'widget' });
    } finally {
      this.#starting = false;
    }
  }

  /** The element's archive (`archive` attribute), or null: it shows a bundle. */
  #archive() {
    return this.getAttribute('archive') || null;
  }

  /** An archive view: its own wasm; the manifest downloads while it does, and the view takes the response. */
  async #startArchive() {
    const manifest = manifestUrl(this.#archive());
    const response = this.#refused() ? null : startDownload(manifest);
    try {
      const glue = await loadArchiveWasm();
      if (!this.isConnected || this.#widget) return;
      this.#prerendered();
      this.#shadow.querySelector('slot')?.remove();
      this.#widget = new glue.ArchiveWidget(this.#shadow, {
        archive: manifest,
        response: manifestUrl(this.#archive()) === manifest ? response : null,
        ...this.#options(),
        state: this.#stateFromAttributes(),
        then: this.#urlState(),
        syncUrl: this.hasAttribute('sync-url'),
        refused: this.#refused() ?? undefined,
      }, (name, detail) => this.#onWidgetEvent(name, detail));
    } catch (err) {
      this.#emit('error', { url: ARCHIVE_WASM_URL.href, problems: [`the widget could not start: ${err}`], reason: 'widget' });
    } finally {
      this.#starting = false;
    }
  }

  #stateFromAttributes() {
    const params = new URLSearchParams();
    for (const key of FILTERS) {
      const value = this.getAttribute(key);
      // Lists stay comma-separated (a comma inside a value written %2C): the
      // widget reads them (view::ViewState::from_attribute_pairs).
      if (value != null && value !== '') params.append(key, value);
    }
    return params.toString();
  }

  /**
   * The origin of `src` when the element's bundle-origins does not list it
   * ("self" is the page's own); null when it may be loaded (or there is no list).
   */
  #refused() {
    const list = this.getAttribute('bundle-origins');
    // An archive is a source of bundles like any other.
    const src = this.#archive() ?? this.getAttribute('src');
    if (list === null || !src) return null;
    let url;
    try { url = new URL(src, location.href); } catch { return src; }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol}`;
    const allowed = list.split(/\s+/).filter(Boolean).map((o) => (o === 'self' ? location.origin : o.replace(/\/+$/, '')));
    return allowed.includes(url.origin) ? null : url.origin;
  }

  /** With sync-url, the page URL's view, when it has one (applied after a prerendered view). */
  #urlState() {
    if (!this.hasAttribute('sync-url')) return '';
    const page = new URLSearchParams(location.search);
    // An archive's view has a date range and a publisher besides (archive::session::PARAMS).
    const keys = this.#archive() ? ATTRIBUTES.archiveParams : FILTERS;
    return keys.some((k) => page.has(k)) ? page.toString() : '';
  }

  /** The mount element of a prerender that is still this element's to take over (one made for another bundle is dropped at once). */
  #prerendered() {
    const mount = this.#shadow.querySelector('[data-cc-prerender]');
    if (mount && (this.#archive() || (this.getAttribute('src') || '') !== mount.getAttribute('data-cc-src'))) {
      // Made for another bundle: never show it for this one.
      mount.remove();
      return null;
    }
    return mount;
  }

  #mount(glue, response = null) {
    this.#shadow.querySelector('slot')?.remove();
    const prerendered = this.#prerendered();
    const inline = this.querySelector(':scope > script[type="application/json"]');
    const paragraphs = [...document.querySelectorAll('[data-claim-paragraph]')]
      .map((e) => Number(e.getAttribute('data-claim-paragraph')))
      .filter((n) => Number.isInteger(n) && n > 0);
    // The widget renders at the end of the shadow root (in a kept root:
    // src/components/mount.rs says why), or takes the prerender over.
    this.#widget = new glue.Widget(prerendered || this.#shadow, {
      src: this.getAttribute('src') || '',
      inline: inline ? inline.textContent : undefined,
      ...this.#options(),
      state: this.#stateFromAttributes(),
      then: this.#urlState(),
      syncUrl: this.hasAttribute('sync-url'),
      paragraphs,
      response,
      prerendered: !!prerendered,
      refused: this.#refused() ?? undefined,
    }, (name, detail) => this.#onWidgetEvent(name, detail));
  }

  /** The presentation attributes, as the widget reads them (its `setOptions`). */
  #options() {
    return {
      lang: this.getAttribute('lang') || '',
      theme: this.getAttribute('theme') || 'auto',
      headingLevel: Number(this.getAttribute('heading-level')) || 2,
      shareUrl: this.getAttribute('share-url') || '',
    };
  }

  #unmount() {
    this.#widget?.destroy();
    this.#widget?.free();
    this.#widget = null;
    this.#filters = null;
    this.#ready = false;
    this.#heldChange = null;
    for (const [el, handlers] of this.#links) {
      el.removeEventListener('click', handlers.click);
      el.removeEventListener('keydown', handlers.keydown);
      linked.delete(el);
    }
    this.#links = [];
    if (this.#shadow) {
      for (const el of [...this.#shadow.children]) if (el.tagName !== 'LINK') el.remove();
    }
  }

  #remount() {
    this.#unmount();
    if (this.#archive()) {
      this.#starting = true;
      this.#startArchive();
      return;
    }
    loadWasm().then((glue) => this.isConnected && !this.#widget && this.#mount(glue));
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(`claimcards:${name}`, { detail, bubbles: true, composed: true }));
  }

  #onWidgetEvent(name, detail) {
    switch (name) {
      case 'ready': {
        if (this.#archive()) {
          // An archive: no host-article links, no queued host calls (its view has no setters yet).
          this.#ready = true;
          this.#queue.length = 0;
          this.#emit('ready', { claims: detail.claims, articles: detail.articles });
          break;
        }
        const { claims, skipped, title, pageTitle, pageDescription } = detail;
        this.#ready = true;
        this.#emit('ready', { claims, skipped, title, pageTitle, pageDescription });
        const errors = detail.problems.filter((p) => p.severity === 'error');
        if (errors.length) this.#emit('error', { url: this.getAttribute('src') || '', problems: detail.problems, reason: 'skipped' });
        // The first filterchange always follows ready.
        if (this.#heldChange) this.#emit('filterchange', this.#heldChange);
        this.#heldChange = null;
        this.#linkArticle();
        // What the reader did meanwhile, the page's #claim- link, then the
        // host's calls made before loading, in order.
        const queued = this.#queue.splice(0);
        const early = this.#early;
        this.#early = null;
        queueMicrotask(() => {
          if (!this.#widget) return;
          early?.replay();
          this.#showHashClaim();
          for (const fn of queued) fn(this.#widget);
        });
        break;
      }
      case 'failed':
        this.#asleep();
        this.#emit('error', detail);
        break;
      case 'filterchange':
        this.#filters = detail;
        if (this.#ready) this.#emit('filterchange', detail);
        else this.#heldChange = detail;
        break;
      case 'paragraph':
        this.#showParagraph(detail.paragraph);
        break;
    }
  }

  /** The widget cannot start: a prerender's controls go off (it stays readable). */
  #asleep() {
    this.#early?.sleep();
    this.#early = null;
  }

  /** Host-article elements with data-claim-id become controls that reveal their card. */
  #linkArticle() {
    for (const el of document.querySelectorAll('[data-claim-id]')) {
      const id = el.getAttribute('data-claim-id');
      if (linked.has(el) || !this.#widget.hasClaim(id)) continue;
      linked.add(el);
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
      if (!el.hasAttribute('role')) el.setAttribute('role', 'link');
      el.setAttribute('data-claim-cards-linked', '');
      const handlers = {
        click: (e) => { e.preventDefault(); this.reveal(id); },
        keydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.reveal(id); }
        },
      };
      el.addEventListener('click', handlers.click);
      el.addEventListener('keydown', handlers.keydown);
      this.#links.push([el, handlers]);
    }
  }

  #showParagraph(n) {
    const el = document.querySelector(`[data-claim-paragraph="${Number(n)}"]`);
    if (!el) return;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'center' });
    el.focus({ preventScroll: true });
    el.setAttribute('data-claim-cards-active', '');
    setTimeout(() => el.removeAttribute('data-claim-cards-active'), 2000);
  }
}

if (!customElements.get('claim-cards')) customElements.define('claim-cards', ClaimCardsElement);
