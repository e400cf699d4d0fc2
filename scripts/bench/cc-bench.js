// Benchmark page for claim-cards: the element exactly as a host page uses it.
performance.mark('cc:start');
const params = new URLSearchParams(location.search);
const mod = await import('/claim-cards.js');
window.__wasmMemoryBytes = mod.wasmMemoryBytes;
const el = document.createElement('claim-cards');
el.setAttribute('loading', 'eager');
el.setAttribute('src', params.get('bundle'));
document.body.append(el);
// First cards painted: the first frame with a card in it, then past its paint.
await new Promise((resolve) => {
  const tick = () => {
    if (el.shadowRoot?.querySelector('[data-claim-id]')) requestAnimationFrame(() => setTimeout(resolve, 0));
    else requestAnimationFrame(tick);
  };
  tick();
});
performance.mark('cc:first-cards');
