// The standalone page (index.html): its <claim-cards> element mirrors the view
// in the page URL (sync-url); the URL may also choose another bundle
// (?bundle=URL), the theme (?theme=light|dark|auto) and the language (?lang=en|vi).
// Attributes are set before the element starts (it starts after this script).
import './claim-cards.js';

const el = document.querySelector('claim-cards');
const params = new URLSearchParams(location.search);
const bundle = params.get('bundle');
if (el && bundle && bundle.trim()) el.setAttribute('src', bundle.trim());
for (const key of ['theme', 'lang']) {
  const value = params.get(key);
  if (el && value) el.setAttribute(key, value);
}
