// The editor page's script: starts the editor's wasm (claim-cards-studio-VERSION.js)
// and gives it a host — IndexedDB for the drafts, a BroadcastChannel so that two
// tabs on one draft never overwrite each other silently, downloads and the
// clipboard. Records are JSON text; each save names the revision it was made
// over, and a save over a revision another tab has replaced is refused
// (`conflict`) inside the same IndexedDB transaction that reads it.
import init, { startStudio } from './claim-cards-studio-__CLAIM_CARDS_VERSION__.js';

const DB = 'claim-cards-studio';
const STORE = 'drafts';
const channel = 'BroadcastChannel' in self ? new BroadcastChannel(DB) : null;

let opening = null;
function db() {
  opening ||= new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(DB, 1);
    } catch (e) {
      reject(new Error(`the browser refuses to keep data for this page (${e.message || e})`));
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`the browser refuses to keep data for this page (${request.error?.message || 'storage refused'})`));
    request.onblocked = () => reject(new Error('another tab is upgrading the editor: close it and reload'));
  });
  opening.catch(() => { opening = null; });
  return opening;
}

// One transaction: `work(store, done)` calls done(result).
async function transact(mode, work) {
  const d = await db();
  return new Promise((resolve, reject) => {
    let tx;
    try { tx = d.transaction(STORE, mode); } catch (e) { reject(e); return; }
    let result;
    work(tx.objectStore(STORE), (r) => { result = r; });
    tx.oncomplete = () => resolve(result);
    const failed = () => {
      const e = tx.error;
      reject(new Error(e && e.name === 'QuotaExceededError'
        ? 'the browser\'s storage for this page is full'
        : `the browser could not save (${e?.message || 'storage refused'})`));
    };
    tx.onerror = failed;
    tx.onabort = failed;
  });
}

export function makeHost() {
  const tab = Math.random().toString(36).slice(2);
  return {
    newId: () => `draft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    list: () => transact('readonly', (store, done) => {
      const r = store.getAll();
      r.onsuccess = () => done(JSON.stringify(r.result
        .map(({ id, title, updated }) => ({ id, title, updated }))
        .sort((a, b) => (a.updated < b.updated ? 1 : -1))));
    }),
    get: (id) => transact('readonly', (store, done) => {
      const r = store.get(id);
      r.onsuccess = () => done(r.result ? JSON.stringify({ rev: r.result.rev, record: r.result.record }) : 'null');
    }),
    put: async (id, rev, title, record) => {
      const out = await transact('readwrite', (store, done) => {
        const r = store.get(id);
        r.onsuccess = () => {
          const now = r.result ? r.result.rev : 0;
          if (now !== rev) { done({ conflict: true, rev: now }); return; }
          store.put({ id, rev: rev + 1, title, updated: new Date().toISOString(), record });
          done({ ok: true, rev: rev + 1 });
        };
      });
      if (out.ok) channel?.postMessage({ id, rev: out.rev, tab });
      return JSON.stringify(out);
    },
    remove: async (id) => {
      await transact('readwrite', (store) => { store.delete(id); });
      channel?.postMessage({ id, rev: -1, tab });
    },
    subscribe: (f) => channel?.addEventListener('message', (e) => {
      if (e.data && e.data.tab !== tab) f(String(e.data.id), Number(e.data.rev));
    }),
    download: (name, data, type) => {
      const url = URL.createObjectURL(new Blob([data], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    copy: (text) => navigator.clipboard.writeText(text),
  };
}

const root = document.getElementById('studio');
// Where the widget's files are: beside this page.
const assets = new URL('./', location.href).href;
await init({ module_or_path: new URL('./claim-cards-studio-__CLAIM_CARDS_VERSION__.wasm', import.meta.url) });
startStudio(root, makeHost(), assets);
