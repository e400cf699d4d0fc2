// The standalone page (index.html): its <claim-cards> element mirrors the view
// in the page URL (sync-url); the URL may also choose another bundle
// (?bundle=URL) or an archive to search (?archive=URL), the theme (?theme=light|dark|auto) and the language (?lang=en|vi);
// the page's title and description follow the bundle.
// The element's attributes are set before its module loads. The page arrives
// prerendered, so the module waits for the first paint instead of competing
// with it (without a prerender, a chosen bundle, it loads at once).

import { wake } from './embed/early.js';

const el = document.querySelector('claim-cards');
const params = new URLSearchParams(location.search);
const bundle = params.get('bundle');
if (el && bundle && bundle.trim()) el.setAttribute('src', bundle.trim());
const archive = params.get('archive');
if (el && archive && archive.trim()) el.setAttribute('archive', archive.trim());
for (const key of ['theme', 'lang']) {
  const value = params.get(key);
  if (el && value) el.setAttribute(key, value);
}
// The tab's title and the description follow the bundle shown (the widget
// words them as `claim-cards render --page` does).
el?.addEventListener('claimcards:ready', (e) => {
  if (el.hasAttribute('archive')) return;
  const { pageTitle, pageDescription } = e.detail;
  if (pageTitle) document.title = pageTitle;
  if (pageDescription) document.querySelector('meta[name="description"]')?.setAttribute('content', pageDescription);
});
const start = () => import('./claim-cards.js');
// The prerender's controls work before the module arrives (early.js: what
// the reader does meanwhile is applied once the widget runs).
const other = bundle || archive;
if (el?.shadowRoot && !other) wake(el);
if (el?.shadowRoot && !other) afterFirstPaint(start);
else start();

/**
 * Calls `then` once the page has painted content (or after 3 s where that is not reported).
 * claim-cards.js waits the same way (`firstPaint`) but cannot lend it: loading
 * that module is what this waits to do.
 */
function afterFirstPaint(then) {
  let done = false;
  const go = () => { if (!done) { done = true; setTimeout(then, 0); } };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); go(); }
    }).observe({ type: 'paint', buffered: true });
  } catch { go(); }
  setTimeout(go, 3000);
}
