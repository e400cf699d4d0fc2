// The vanilla-JS baseline: what a newsroom developer would write in an
// afternoon. JSON.parse, a minimal validity check, and plain DOM calls that
// render every card and rebuild the facets on every change. Same cards, same
// filters (OR within a facet, AND across), same case- and accent-insensitive
// search, from the same bundle. It lives with the benchmark, not in the product.
performance.mark('vanilla:start');

const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

const response = await fetch(params.get('bundle'));
const text = await response.text();
performance.mark('vanilla:fetched');
const bundle = JSON.parse(text);
const speakers = new Map(bundle.speakers.map((s) => [s.id, s]));
const sources = new Map(bundle.sources.map((s) => [s.id, s]));
const claims = bundle.claims.filter((c) => c && typeof c.text === 'string' && c.text.trim() && speakers.has(c.speaker)
  && Array.isArray(c.sources) && c.sources.length && c.sources.every((s) => sources.has(s)));
performance.mark('vanilla:loaded');

// Search text per claim, folded once.
for (const c of claims) {
  const sp = speakers.get(c.speaker);
  c.hay = fold([c.text, sp.name, sp.role || '', sp.affiliation || '', ...c.sources.map((s) => sources.get(s).name)].join(' '));
}

const state = { speaker: new Set(), source: new Set(), topic: new Set(), kind: new Set(), q: '' };
const topics = [...new Set(claims.flatMap((c) => c.topics || []))];
const kinds = ['quote', 'paraphrase', 'statement', 'report'];

function matches(c, skip) {
  const q = fold(state.q.trim());
  if (q && !q.split(/\s+/).every((w) => c.hay.includes(w))) return false;
  if (skip !== 'speaker' && state.speaker.size && !state.speaker.has(c.speaker)) return false;
  if (skip !== 'source' && state.source.size && !c.sources.some((s) => state.source.has(s))) return false;
  if (skip !== 'topic' && state.topic.size && !(c.topics || []).some((t) => state.topic.has(t))) return false;
  if (skip !== 'kind' && state.kind.size && !state.kind.has(c.kind || 'paraphrase')) return false;
  return true;
}

function highlight(el, text) {
  const q = fold(state.q.trim());
  const i = q ? fold(text).indexOf(q) : -1;
  if (i < 0) { el.textContent = text; return; }
  el.append(text.slice(0, i));
  const m = document.createElement('mark');
  m.textContent = text.slice(i, i + q.length);
  el.append(m, text.slice(i + q.length));
}

function facet(name, legend, options) {
  const fs = document.createElement('fieldset');
  const lg = document.createElement('legend');
  lg.textContent = legend;
  fs.append(lg);
  // Counts given the other facets: one pass over the claims.
  const counts = new Map();
  for (const c of claims) {
    if (!matches(c, name)) continue;
    const values = name === 'speaker' ? [c.speaker] : name === 'source' ? c.sources
      : name === 'topic' ? (c.topics || []) : [c.kind || 'paraphrase'];
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  }
  for (const [value, label] of options) {
    const count = counts.get(value) || 0;
    const l = document.createElement('label');
    if (!count) l.className = 'empty';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `v-${name}-${value}`;
    box.checked = state[name].has(value);
    box.addEventListener('change', () => { box.checked ? state[name].add(value) : state[name].delete(value); render(); });
    const span = document.createElement('span');
    span.textContent = label;
    const n = document.createElement('span');
    n.textContent = count;
    l.append(box, span, n);
    fs.append(l);
  }
  return fs;
}

function card(c) {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.claimId = c.id;
  const sp = speakers.get(c.speaker);
  const who = document.createElement('div');
  who.className = 'who';
  highlight(who, sp.name);
  const role = document.createElement('div');
  role.className = 'role';
  role.textContent = [sp.role, sp.affiliation].filter(Boolean).join(' · ');
  const p = document.createElement('p');
  p.className = 'text';
  highlight(p, c.kind === 'quote' ? `“${c.text}”` : c.text);
  const chips = document.createElement('div');
  chips.className = 'chips';
  for (const s of c.sources) {
    const src = sources.get(s);
    const a = document.createElement(src.url ? 'a' : 'span');
    if (src.url) { a.href = src.url; a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    a.textContent = src.name;
    chips.append(a);
  }
  const meta = document.createElement('div');
  meta.textContent = [c.date, ...(c.topics || []).map((t) => `#${t}`), c.paragraph ? `in paragraph ${c.paragraph}` : ''].filter(Boolean).join('  ');
  li.append(who, role, p, chips, meta);
  return li;
}

let search;
function render() {
  const shown = claims.filter((c) => matches(c));
  const side = document.createElement('div');
  side.append(
    facet('speaker', 'Speaker', bundle.speakers.map((s) => [s.id, s.name])),
    facet('source', 'Source', bundle.sources.map((s) => [s.id, s.name])),
    facet('topic', 'Topic', topics.map((t) => [t, t])),
    facet('kind', 'Kind', kinds.map((k) => [k, k])),
  );
  const list = document.createElement('ul');
  list.className = 'cards';
  for (const c of shown) list.append(card(c));
  const count = document.createElement('p');
  count.id = 'count';
  count.textContent = `${shown.length} of ${claims.length} claims`;
  const clear = document.createElement('button');
  clear.id = 'clear';
  clear.textContent = 'Clear all';
  clear.addEventListener('click', () => { for (const k of ['speaker', 'source', 'topic', 'kind']) state[k].clear(); state.q = ''; search.value = ''; render(); });
  const main = document.createElement('div');
  main.append(count, clear, list);
  const layout = document.createElement('div');
  layout.className = 'layout';
  layout.append(side, main);
  if (!search) {
    search = document.createElement('input');
    search.type = 'search';
    search.id = 'q';
    search.addEventListener('input', () => { state.q = search.value; render(); });
    app.append(search);
  }
  app.querySelector('.layout')?.remove();
  app.append(layout);
}

render();
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
performance.mark('vanilla:first-cards');
