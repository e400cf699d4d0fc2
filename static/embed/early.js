// early.js — what a reader does with a prerendered widget before its wasm
// runs (bundled by scripts/build-embed into claim-cards.js and page.js, which
// each import it; one record per element, shared through the element).
//
// A prerender's controls are disabled in its HTML: without JavaScript they
// could do nothing. `wake(element)` enables them as soon as a script runs —
// page.js does it before the first paint, claim-cards.js when it defines the
// element — and notes what the reader does with them: a box ticked, words
// typed, a sort chosen, a button pressed. The results dim (`data-cc-pending`
// on the mount, `aria-busy` on the results) to show the change is coming.
// When the widget has taken the prerender over, `replay()` gives the same
// input to its live controls (hydration set them back to the prerendered
// view's values), in the same task, so no frame shows them undone; `sleep()`
// disables them again when the widget cannot start.
//
// The "Clear all" button is the one control a static render disables for a
// reason of its own (nothing to clear): it stays as it is until the widget runs.

const KEY = Symbol.for('claim-cards.early');

/** The early-input record of a prerendered `element` (made on the first call), or null without a prerender. */
export function wake(element) {
  if (element[KEY]) return element[KEY];
  const root = element.shadowRoot;
  const mount = root?.querySelector('[data-cc-prerender]');
  if (!mount) return null;
  const woken = [...mount.querySelectorAll('[disabled]:not(.cc-clear)')];
  for (const el of woken) el.disabled = false;
  /** Each control touched, in the order first touched, with its last state. */
  const touched = new Map();
  const clicks = [];
  const pending = () => {
    mount.setAttribute('data-cc-pending', '');
    mount.querySelector('.cc-results')?.setAttribute('aria-busy', 'true');
  };
  const onInput = (e) => {
    const el = e.target;
    if (el.type === 'checkbox') touched.set(el, { checked: el.checked });
    else if (el.tagName === 'INPUT' || el.tagName === 'SELECT') touched.set(el, { value: el.value });
    else return;
    pending();
  };
  const onClick = (e) => {
    const button = e.target.closest?.('button');
    if (button && !button.disabled) { clicks.push(button); pending(); }
  };
  const listen = (on) => {
    for (const type of ['input', 'change']) root[on](type, onInput, true);
    root[on]('click', onClick, true);
  };
  listen('addEventListener');
  const done = () => {
    listen('removeEventListener');
    element[KEY] = null;
    mount.removeAttribute('data-cc-pending');
    mount.querySelector('.cc-results')?.removeAttribute('aria-busy');
  };
  // The same control in the live widget: the same node when it was hydrated, else the one with its id.
  const live = (el) => (el.isConnected ? el : (el.id && root.getElementById(el.id)) || null);
  return (element[KEY] = {
    /** Gives the reader's input to the live widget. */
    replay() {
      done();
      for (const [was, want] of touched) {
        const el = live(was);
        if (!el || el.disabled) continue;
        if ('checked' in want) {
          if (el.checked !== want.checked) el.click();
        } else if (el.value !== want.value) {
          el.value = want.value;
          el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        }
      }
      for (const was of clicks) live(was)?.click();
    },
    /** The widget will not run: the controls go back to what the prerender says. */
    sleep() {
      done();
      for (const el of woken) {
        if (el.type === 'checkbox') el.checked = el.defaultChecked;
        else if (el.tagName === 'INPUT') el.value = el.defaultValue;
        else if (el.tagName === 'SELECT') for (const o of el.options) o.selected = o.defaultSelected;
        el.disabled = true;
      }
    },
  });
}
