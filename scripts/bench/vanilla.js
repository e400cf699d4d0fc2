// The vanilla-JS baseline: the fastest plain renderer of the same cards and
// filters we could write — no framework, the DOM built directly. Same cards
// (speaker, role, kind, text, sources as links, date, paragraph, topics, copy
// link), same facets with counts given the other facets (OR within a facet,
// AND across), same case- and accent-insensitive search with highlights, from
// the same bundle. Like the widget it renders a selection of up to 100 cards
// whole (after an interaction, the first 6 at once and the rest a frame
// later) and windows longer ones, growing as the reader scrolls. Everything a
// keystroke needs is computed once: folded text, facet membership, the
// facets' DOM (only counts and states change). It lives with the benchmark.
performance.mark('vanilla:start');

const WHOLE = 100;
const WINDOW = 6;
const STEP = 8;
const KINDS = ['quote', 'paraphrase', 'statement', 'report'];

const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
const foldRe = /[\u0300-\u036f]/g;
const fold = (s) => s.normalize('NFD').replace(foldRe, '').replace(/[đĐ]/g, 'd').toLowerCase();

const response = await fetch(params.get('bundle'));
const bundle = JSON.parse(await response.text());
performance.mark('vanilla:fetched');

// ---- model: indexes instead of ids, folded text once ---------------------------
const speakerIx = new Map(bundle.speakers.map((s, i) => [s.id, i]));
const sourceIx = new Map(bundle.sources.map((s, i) => [s.id, i]));
const topicIx = new Map();
const topics = [];
const claims = [];
for (const c of bundle.claims) {
  if (!c || typeof c.text !== 'string' || !c.text.trim() || !speakerIx.has(c.speaker)
    || !Array.isArray(c.sources) || !c.sources.length || !c.sources.every((s) => sourceIx.has(s))) continue;
  const ts = [];
  for (const t of c.topics || []) {
    if (!topicIx.has(t)) { topicIx.set(t, topics.length); topics.push(t); }
    ts.push(topicIx.get(t));
  }
  const kind = KINDS.indexOf(c.kind) < 0 ? 1 : KINDS.indexOf(c.kind);
  claims.push({ c, sp: speakerIx.get(c.speaker), src: c.sources.map((s) => sourceIx.get(s)), ts, kind, hay: fold(c.text) });
}
performance.mark('vanilla:loaded');
const speakerHay = bundle.speakers.map((s) => fold([s.name, s.role || '', s.affiliation || ''].join(' ')));
const sourceHay = bundle.sources.map((s) => fold(s.name));
const initials = (name) => {
  const w = name.split(/[\s()]+/).filter((x) => /^[\p{L}\p{N}]/u.test(x));
  return w.length ? (w[0][0] + (w.length > 1 ? w[w.length - 1][0] : '')).toUpperCase() : '?';
};

// ---- state and selection ----------------------------------------------------------
const FACETS = ['speaker', 'source', 'topic', 'kind'];
const options = [bundle.speakers.length, bundle.sources.length, topics.length, KINDS.length];
const chosen = FACETS.map((_, f) => new Uint8Array(options[f]));
const active = [0, 0, 0, 0];
let words = [];
const values = (x, f) => (f === 0 ? [x.sp] : f === 1 ? x.src : f === 2 ? x.ts : [x.kind]);

function select() {
  const counts = options.map((n) => new Uint32Array(n));
  const shown = [];
  for (const x of claims) {
    if (words.length && !words.every((w) => x.hay.includes(w) || speakerHay[x.sp].includes(w) || x.src.some((s) => sourceHay[s].includes(w)))) continue;
    let failing = 0;
    let failed = -1;
    for (let f = 0; f < 4; f++) {
      if (active[f] && !values(x, f).some((v) => chosen[f][v])) { failing++; failed = f; }
    }
    if (failing > 1) continue;
    for (let f = 0; f < 4; f++) if (!failing || failed === f) for (const v of values(x, f)) counts[f][v]++;
    if (!failing) shown.push(x);
  }
  return { shown, counts };
}

// ---- DOM ------------------------------------------------------------------------
const tpl = document.createElement('template');
tpl.innerHTML = '<li class="card"><div class="head"><span class="avatar"></span><div><div class="who"></div><div class="role"></div></div></div>'
  + '<p class="kind"></p><p class="text"></p><div class="chips"></div><div class="meta"></div><button type="button" class="copy">Copy link</button></li>';
const cardTpl = tpl.content.firstChild;

function marked(el, text) {
  if (!words.length) { el.textContent = text; return; }
  const f = fold(text);
  const spans = [];
  for (const w of words) for (let i = f.indexOf(w); i >= 0; i = f.indexOf(w, i + w.length)) spans.push([i, i + w.length]);
  if (!spans.length) { el.textContent = text; return; }
  spans.sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    el.append(text.slice(at, s));
    const m = document.createElement('mark');
    m.textContent = text.slice(s, e);
    el.append(m);
    at = e;
  }
  el.append(text.slice(at));
}

function card(x) {
  const li = cardTpl.cloneNode(true);
  const c = x.c;
  const sp = bundle.speakers[x.sp];
  li.id = `claim-${c.id}`;
  li.dataset.claimId = c.id;
  const [head, kind, text, chips, meta] = li.children;
  head.firstChild.textContent = initials(sp.name);
  marked(head.lastChild.firstChild, sp.name);
  head.lastChild.lastChild.textContent = [sp.role, sp.affiliation].filter(Boolean).join(' · ');
  kind.textContent = KINDS[x.kind];
  marked(text, x.kind === 0 ? `“${c.text}”` : c.text);
  for (const s of x.src) {
    const src = bundle.sources[s];
    const a = document.createElement(src.url ? 'a' : 'span');
    if (src.url) { a.href = src.url; a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    marked(a, src.name);
    chips.append(a);
  }
  meta.textContent = [c.date, c.paragraph ? `in paragraph ${c.paragraph}` : '', ...x.ts.map((t) => `#${topics[t]}`)].filter(Boolean).join('  ');
  return li;
}

// The facets: built once; a change updates counts and states in place.
const facetEls = FACETS.map((name, f) => {
  const fs = document.createElement('fieldset');
  const lg = document.createElement('legend');
  lg.textContent = name[0].toUpperCase() + name.slice(1);
  fs.append(lg);
  const labels = f === 0 ? bundle.speakers.map((s) => [s.id, s.name]) : f === 1 ? bundle.sources.map((s) => [s.id, s.name])
    : f === 2 ? topics.map((t) => [t, t]) : KINDS.map((k) => [k, k]);
  const rows = labels.map(([id, label], v) => {
    const l = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `v-${name}-${id}`;
    box.addEventListener('change', () => {
      chosen[f][v] = box.checked ? 1 : 0;
      active[f] += box.checked ? 1 : -1;
      update();
    });
    const span = document.createElement('span');
    span.textContent = label;
    const n = document.createElement('span');
    l.append(box, span, n);
    fs.append(l);
    return { l, box, n };
  });
  return { fs, rows };
});

const search = document.createElement('input');
search.type = 'search';
search.id = 'q';
search.addEventListener('input', () => {
  words = fold(search.value).split(/\s+/).filter(Boolean);
  update();
});
const count = document.createElement('p');
count.id = 'count';
const clear = document.createElement('button');
clear.id = 'clear';
clear.textContent = 'Clear all';
clear.addEventListener('click', () => {
  chosen.forEach((c) => c.fill(0));
  active.fill(0);
  for (const { rows } of facetEls) for (const r of rows) r.box.checked = false;
  search.value = '';
  words = [];
  update();
});
const list = document.createElement('ul');
list.className = 'cards';
const more = document.createElement('li');
more.className = 'more';
const moreButton = document.createElement('button');
moreButton.type = 'button';
more.append(moreButton);
const side = document.createElement('div');
side.append(...facetEls.map((f) => f.fs));
const main = document.createElement('div');
main.append(count, clear, list);
const layout = document.createElement('div');
layout.className = 'layout';
layout.append(side, main);
app.append(search, layout);

let shown = [];
let rendered = 0;
let frame = 0;
function renderTo(n) {
  const frag = document.createDocumentFragment();
  for (; rendered < Math.min(n, shown.length); rendered++) frag.append(card(shown[rendered]));
  list.insertBefore(frag, more.isConnected ? more : null);
  const rest = shown.length - rendered;
  if (rest > 0 && shown.length > WHOLE) {
    moreButton.textContent = `Show ${Math.min(STEP, rest)} more (${rest} not shown yet)`;
    list.append(more);
  } else more.remove();
}
moreButton.addEventListener('click', () => renderTo(rendered + STEP));
new IntersectionObserver((e) => { if (e.some((x) => x.isIntersecting)) renderTo(rendered + STEP); }, { rootMargin: '1000px 0px' }).observe(more);

function update(first = false) {
  cancelAnimationFrame(frame);
  const sel = select();
  shown = sel.shown;
  facetEls.forEach(({ rows }, f) => rows.forEach((r, v) => {
    const n = sel.counts[f][v];
    r.n.textContent = n;
    r.l.className = n || r.box.checked ? '' : 'empty';
  }));
  count.textContent = `${shown.length} of ${claims.length} claims`;
  list.textContent = '';
  rendered = 0;
  const whole = shown.length <= WHOLE;
  renderTo(first && whole ? WHOLE : WINDOW);
  // A short selection fills itself a frame later.
  if (whole && rendered < shown.length) frame = requestAnimationFrame(() => renderTo(WHOLE));
}

update(true);
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
performance.mark('vanilla:first-cards');
