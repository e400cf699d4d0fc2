// The iframe embed (embed.html): reads its URL into the <claim-cards> element
// and tells the parent page its height on every size change.
//
// Message posted to the parent (window.parent.postMessage, any origin):
//   { type: 'claim-cards:resize', id, height,
//     'datawrapper-height': { [id]: height } }   // the shape Datawrapper's resize snippet reads
// where id is the iframe's ?id= parameter (default 'claim-cards').
import { FILTERS, LISTS } from './claim-cards.js';

const params = new URLSearchParams(location.search);
const el = document.querySelector('claim-cards');
const id = params.get('id') || 'claim-cards';

if (params.get('bundle')) el.setAttribute('src', params.get('bundle'));
// The host article's address (?page=URL): "Copy link" links to the card there,
// not to this frame.
if (params.get('page')) el.setAttribute('share-url', params.get('page'));
// The URL and the attributes write lists alike (comma-separated, a comma
// inside a value %2C): repeated parameters join into one attribute.
for (const key of ['lang', 'theme', ...FILTERS]) {
  if (!params.has(key)) continue;
  el.setAttribute(key, LISTS.includes(key) ? params.getAll(key).join(',') : params.get(key));
}

let last = -1;
function post() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'claim-cards:resize', id, height, 'datawrapper-height': { [id]: height } }, '*');
}
new ResizeObserver(post).observe(document.documentElement);
post();
