// early.js — what a reader does with a prerendered widget before its wasm
// runs (bundled by scripts/build-embed into claim-cards.js and page.js, which
// each import it; one record per element, shared through the element).
//
// A prerender's controls are live in its HTML: the search box takes words,
// boxes tick and the sort changes from the first paint, before any script
// (without scripting the stylesheet hides them: they could do nothing). So
// nothing a reader does is lost, however late a script runs. `wake(element)`
// — page.js calls it as it runs, claim-cards.js when it defines the element
// — notes what was done before it (each control whose state is not the one
// the server wrote) and, from then on, what the reader does, in order: a box
// ticked, words typed, a sort chosen, a button pressed. The results dim
// (`data-cc-pending` on the mount, `aria-busy` on the results) to show the
// change is coming.
//
// The take-over is done in steps, a task each (ARCHITECTURE.md,
// "Prerendering and hydration"): hydration makes the widget's shell live —
// its root gets `data-cc-live` in the same task — and the search box and
// tools, then the facets, are rendered anew in place of the server's. What
// the reader did is handed on, in order and without a frame that shows it
// undone:
// - to a control that replaces the one it was done on, as soon as it does
//   (a MutationObserver's callback runs in the task that made the change,
//   before the next paint), focus too;
// - to a control hydration kept, by `replay()` when the widget is ready —
//   but only what was done before the hydration (after it, the widget had
//   it already).
// `sleep()` puts the controls back as the server wrote them and disables
// them when the widget cannot start.
//
// A button pressed before any script ran did nothing and left no trace:
// that one press is the only input that can be missed.

const KEY = Symbol.for('claim-cards.early');

/** The early-input record of a prerendered `element` (made on the first call), or null without a prerender. */
export function wake(element) {
  if (element[KEY]) return element[KEY];
  const root = element.shadowRoot;
  const mount = root?.querySelector('[data-cc-prerender]');
  if (!mount) return null;
  // ("Clear all" is disabled by the server for a reason of its own: nothing to clear.)
  const controls = [...mount.querySelectorAll('input, select, button:not(.cc-clear)')];
  /** What the reader did, in order: {el, what: {checked} | {value} | {click: true}, late: done once live}. */
  const log = [];
  const isLive = () => mount.querySelector('.cc-explorer')?.hasAttribute('data-cc-live') ?? false;
  const note = (el, what) => {
    const last = log[log.length - 1];
    const late = isLive();
    // Keystrokes in one box are one entry: its last value.
    if (last && last.el === el && !('click' in what) && !('click' in last.what) && last.late === late) last.what = what;
    else log.push({ el, what, late });
    mount.setAttribute('data-cc-pending', '');
    mount.querySelector('.cc-results')?.setAttribute('aria-busy', 'true');
  };
  const onInput = (e) => {
    const el = e.target;
    if (el.type === 'checkbox') note(el, { checked: el.checked });
    else if (el.tagName === 'INPUT' || el.tagName === 'SELECT') note(el, { value: el.value });
  };
  const onClick = (e) => {
    const button = e.target.closest?.('button');
    if (button && !button.disabled) note(button, { click: true });
  };
  // The control last focused: the widget renders some controls afresh, and
  // focus goes to the new one.
  let focused = null;
  const onFocus = (e) => { focused = e.target; };
  // The same control in the live widget: the same node when it was kept, else the one with its id.
  const live = (el) => (el.isConnected ? el : (el.id && root.getElementById(el.id)) || null);
  const apply = (el, what) => {
    if (el.disabled) return;
    if ('click' in what) {
      el.click();
    } else if ('checked' in what) {
      if (el.checked !== what.checked) el.click();
    } else if (el.value !== what.value) {
      el.value = what.value;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }
  };
  // Controls replaced: what was done on them goes to their successors, and focus.
  const handOn = () => {
    const lost = document.activeElement === document.body || !document.activeElement;
    if (focused && !focused.isConnected && lost) live(focused)?.focus({ preventScroll: true });
    for (let i = 0; i < log.length; i++) {
      const { el, what } = log[i];
      // (Its successor may come in a later change: it waits.)
      const now = !el.isConnected && live(el);
      if (!now) continue;
      log.splice(i--, 1);
      apply(now, what);
    }
  };
  // What the reader did before this script ran: the controls' own state.
  const served = (el) => [...el.options].find((o) => o.defaultSelected)?.value ?? el.options[0]?.value;
  for (const el of controls) {
    if (el.type === 'checkbox') {
      if (el.checked !== el.defaultChecked) note(el, { checked: el.checked });
    } else if (el.tagName === 'INPUT') {
      if (el.value !== el.defaultValue) note(el, { value: el.value });
    } else if (el.tagName === 'SELECT' && el.value !== served(el)) {
      note(el, { value: el.value });
    }
  }
  if (root.activeElement) focused = root.activeElement;
  const replaced = new MutationObserver(handOn);
  replaced.observe(root, { childList: true, subtree: true });
  const listen = (on) => {
    for (const type of ['input', 'change']) root[on](type, onInput, true);
    root[on]('click', onClick, true);
    root[on]('focusin', onFocus, true);
  };
  listen('addEventListener');
  const done = () => {
    replaced.disconnect();
    listen('removeEventListener');
    element[KEY] = null;
    mount.removeAttribute('data-cc-pending');
    mount.querySelector('.cc-results')?.removeAttribute('aria-busy');
  };
  return (element[KEY] = {
    /** Gives the reader's input to the live widget. */
    replay() {
      handOn();
      done();
      // What is left: done on a kept control before the hydration.
      for (const { el, what, late } of log) {
        const now = !(late && el.isConnected) && live(el);
        if (now) apply(now, what);
      }
    },
    /** The widget will not run: the controls go back to what the prerender says, and off. */
    sleep() {
      done();
      for (const el of controls) {
        if (el.type === 'checkbox') el.checked = el.defaultChecked;
        else if (el.tagName === 'INPUT') el.value = el.defaultValue;
        else if (el.tagName === 'SELECT') for (const o of el.options) o.selected = o.defaultSelected;
        el.disabled = true;
      }
    },
  });
}
