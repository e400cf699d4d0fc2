//! Browser glue used by the components: fetching, the page URL and history,
//! scrolling, the clipboard and the console. Nothing here decides anything;
//! it only moves data between the page and the pure core.
//!
//! The functions are called from effects and event handlers only, which never
//! run during native (SSR) rendering tests.

use crate::failure::Failure;
use crate::load::limits::BUNDLE_BYTES;
use crate::problem::Problem;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The load of a bundle's text (or of why it could not be had), with the
/// performance marks the benchmark reads; its problems are written to the
/// console for the page's owner.
pub fn load(url: &str, text: Result<String, (Failure, String)>) -> crate::dataset::LoadState {
    use crate::dataset::LoadState;
    let state = match text {
        Ok(text) => {
            mark("claim-cards:fetched");
            let state = LoadState::from_text(url, text);
            mark("claim-cards:loaded");
            state
        }
        Err((failure, reason)) => LoadState::Failed { url: url.to_owned(), failure, reasons: vec![reason] },
    };
    match &state {
        LoadState::Ready(d) => log_problems(url, &d.problems),
        LoadState::Failed { reasons, .. } => {
            for r in reasons {
                gloo::console::error!(format!("claim-cards: {url}: {r}"));
            }
        }
        LoadState::Loading => {}
    }
    state
}

/// Resolves in a later task: work after it does not lengthen the current
/// one (a long task delays a reader's input).
pub async fn next_task() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Fetches `url` as text (UTF-8; invalid bytes become U+FFFD, as `Response.text()`
/// does). On failure, why (for the reader) and what happened (a sentence for
/// the page's owner).
pub async fn fetch_text(url: &str) -> Result<String, (Failure, String)> {
    let window = window().ok_or((Failure::Unreachable, "no window".to_owned()))?;
    let request = take_prefetched(url).unwrap_or_else(|| window.fetch_with_str(url));
    read_text(&window, request).await
}

/// Fetches `url` as bytes (an archive's list blocks are compressed), failing
/// as [`fetch_text`] does; the request starts when the future is first polled.
/// With a span (bytes `start..end`) it asks for those bytes only (a `Range`
/// header: one range is a CORS-safelisted header, so no preflight); a server
/// that ignores it and sends the whole file is answered by cutting the span
/// out of it. `low`: the browser may send it after requests of normal
/// priority that are still waiting for a connection (`RequestInit.priority`,
/// which web-sys does not bind yet).
pub async fn fetch_bytes(url: &str, span: Option<(u64, u64)>, low: bool) -> Result<Vec<u8>, (Failure, String)> {
    let window = window().ok_or((Failure::Unreachable, "no window".to_owned()))?;
    let init = web_sys::RequestInit::new();
    if let Some((start, end)) = span {
        let range = format!("bytes={start}-{}", end.saturating_sub(1));
        init.set_headers(&js_sys::Array::of1(&js_sys::Array::of2(&"range".into(), &range.into())));
        // Past the browser's cache: Chromium's lets one request at a time
        // have a URL, so ranges of one file (a page's cards, a word's
        // blocks) would go one after another, a round trip each
        // (BENCHMARKS.md, issue #22, "round trips").
        init.set_cache(web_sys::RequestCache::NoStore);
    }
    if low {
        let _ = js_sys::Reflect::set(&init, &"priority".into(), &"low".into());
    }
    read_span(&window, window.fetch_with_str_and_init(url, &init), span).await
}

/// [`fetch_text`], asking the server (and every cache on the way) for its
/// current copy: a file whose name stays while its content changes (an
/// archive's manifest).
pub async fn fetch_fresh(url: &str) -> Result<String, (Failure, String)> {
    let window = window().ok_or((Failure::Unreachable, "no window".to_owned()))?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    read_text(&window, window.fetch_with_str_and_init(url, &init)).await
}

/// `name` resolved against `base` (an archive's file names against its
/// manifest's URL), which is itself resolved against the page's.
pub fn resolve(name: &str, base: &str) -> Option<String> {
    let page = window()?.location().href().ok()?;
    let base = web_sys::Url::new_with_base(base, &page).ok()?.href();
    web_sys::Url::new_with_base(name, &base).ok().map(|u| u.href())
}

async fn read_text(window: &web_sys::Window, request: js_sys::Promise) -> Result<String, (Failure, String)> {
    Ok(crate::text::from_utf8_lossy(read_span(window, request, None).await?))
}

async fn read_span(
    window: &web_sys::Window,
    request: js_sys::Promise,
    span: Option<(u64, u64)>,
) -> Result<Vec<u8>, (Failure, String)> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = match JsFuture::from(request).await {
        Ok(response) => response.unchecked_into(),
        // The browser does not tell a refused cross-origin request from an
        // unreachable server; it does tell when it is offline.
        Err(e) if !window.navigator().on_line() => {
            return Err((Failure::Offline, format!("offline ({})", error_message(&e))))
        }
        Err(e) => return Err((Failure::Unreachable, format!("the request failed ({})", error_message(&e)))),
    };
    let refuse = |failure: Failure, reason: String| {
        if let Some(body) = response.body() {
            let _ = body.cancel();
        }
        Err((failure, reason))
    };
    if !response.ok() {
        let (status, text) = (response.status(), response.status_text());
        return refuse(Failure::Status(status), format!("the server answered {status} {text}"));
    }
    let header = |name: &str| response.headers().get(name).ok().flatten().unwrap_or_default();
    if header("content-type").to_ascii_lowercase().starts_with("text/html") {
        return refuse(Failure::NotABundle, format!("the server sent a web page ({})", header("content-type")));
    }
    if let Ok(length) = header("content-length").parse::<usize>() {
        if length > BUNDLE_BYTES {
            return refuse(Failure::TooLarge, too_large(length));
        }
    }
    // As bytes, not a JS string: a string would be held as UTF-16 (twice the
    // size for non-Latin text) and then copied again into wasm as UTF-8. Read
    // chunk by chunk as they arrive: in Chromium this is several times faster
    // than `arrayBuffer()` for a large body (see BENCHMARKS.md).
    let chunks = read_chunks(&response).await?;
    let total = chunks.iter().map(|c| c.length() as usize).sum();
    let mut bytes = vec![0u8; total];
    let mut at = 0;
    for chunk in &chunks {
        let end = at + chunk.length() as usize;
        chunk.copy_to(&mut bytes[at..end]);
        at = end;
    }
    drop(chunks);
    if let (Some((start, end)), 200) = (span, response.status()) {
        // The whole file, not the range asked for (206).
        let (start, end) = (start as usize, (end as usize).min(bytes.len()));
        bytes = bytes.get(start..end).map(<[u8]>::to_vec).unwrap_or_default();
    }
    Ok(bytes)
}

/// The message of a thrown JavaScript `Error` (empty for anything else).
pub fn error_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

fn too_large(bytes: usize) -> String {
    format!("the bundle is over {} MB; the limit is {} MB", bytes / (1024 * 1024), BUNDLE_BYTES / (1024 * 1024))
}

/// The body of `response` as the chunks the network delivered; stops (and
/// cancels the download) past the size limit.
async fn read_chunks(response: &web_sys::Response) -> Result<Vec<js_sys::Uint8Array>, (Failure, String)> {
    use wasm_bindgen_futures::JsFuture;
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let interrupted =
        |e: wasm_bindgen::JsValue| (Failure::Interrupted, format!("the download broke off ({})", error_message(&e)));
    let mut chunks = Vec::new();
    let mut total = 0;
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(interrupted)?;
        let done = js_sys::Reflect::get(&result, &"done".into()).map_err(interrupted)?.as_bool().unwrap_or(true);
        if done {
            return Ok(chunks);
        }
        let value = js_sys::Reflect::get(&result, &"value".into()).map_err(interrupted)?;
        let chunk: js_sys::Uint8Array = value.dyn_into().map_err(interrupted)?;
        total += chunk.length() as usize;
        if total > BUNDLE_BYTES {
            let _ = reader.cancel();
            return Err((Failure::TooLarge, too_large(total)));
        }
        chunks.push(chunk);
    }
}

thread_local! {
    /// A download of a bundle that the host page started (see [`prefetched`]).
    static PREFETCHED: std::cell::RefCell<Vec<(String, js_sys::Promise)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Hands over a `fetch(url)` the host page already started, so that the
/// bundle downloads while the wasm does; the next [`fetch_text`] of `url`
/// takes it instead of fetching again.
pub fn prefetched(url: &str, response: js_sys::Promise) {
    PREFETCHED.with(|p| p.borrow_mut().push((url.to_owned(), response)));
}

/// Takes the download of `url` the host page started, if one is waiting.
/// (A widget removed before it fetched calls this to let the response go.)
pub fn take_prefetched(url: &str) -> Option<js_sys::Promise> {
    PREFETCHED.with(|p| {
        let mut waiting = p.borrow_mut();
        let at = waiting.iter().position(|(u, _)| u == url)?;
        Some(waiting.swap_remove(at).1)
    })
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query parameters, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    window().and_then(|w| w.location().search().ok()).map(|s| parse_query(&s)).unwrap_or_default()
}

/// The pairs of a query string (`?a=1&b=2` or `a=1&b=2`), decoded, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in js_sys::try_iter(&params).ok().flatten().into_iter().flatten().flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

/// Rewrites the page URL so that `owned` parameters carry `pairs`; other
/// parameters (`bundle`, `theme`, a host's own) and the hash stay. Pushes a
/// history entry when `push`, else replaces the current one.
pub fn write_query(owned: &[&str], pairs: &[(&'static str, String)], push: bool) {
    let Some(w) = window() else { return };
    let Ok(href) = w.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let params = url.search_params();
    for key in owned {
        params.delete(key);
    }
    for (k, v) in pairs {
        params.append(k, v);
    }
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    let next = url.href();
    if next == href {
        return;
    }
    let Ok(history) = w.history() else { return };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next))
    };
}

/// The page's hash without `#`.
pub fn hash() -> String {
    window().and_then(|w| w.location().hash().ok()).map(|h| h.trim_start_matches('#').to_owned()).unwrap_or_default()
}

/// The page URL pointing at a claim card (`…#claim-<id>`).
pub fn claim_link(share_url: Option<&str>, claim_id: &str) -> String {
    let href = match share_url {
        Some(url) => url.to_owned(),
        None => match window().and_then(|w| w.location().href().ok()) {
            Some(href) => href,
            None => return format!("#claim-{claim_id}"),
        },
    };
    let base = href.split('#').next().unwrap_or(&href);
    format!("{base}#claim-{claim_id}")
}

/// Scrolls the element with `id` (searched below `root`, so it works inside
/// a shadow root) into view, moves focus to it and marks it highlighted for a moment.
pub fn reveal(root: &web_sys::Element, id: &str) -> bool {
    let found = root.query_selector(&format!("[id=\"{}\"]", id.replace('"', ""))).ok().flatten();
    let Some(el) = found else { return false };
    let smooth = !prefers_reduced_motion();
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(if smooth { web_sys::ScrollBehavior::Smooth } else { web_sys::ScrollBehavior::Auto });
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    let _ = el.class_list().remove_1("is-target");
    // Re-adding in the next frame restarts the highlight animation. Only the
    // latest card revealed stays highlighted.
    let (el2, root) = (el.clone(), root.clone());
    gloo::timers::callback::Timeout::new(20, move || {
        if let Ok(marked) = root.query_selector_all(".is-target") {
            for i in 0..marked.length() {
                if let Some(other) = marked.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                    let _ = other.class_list().remove_1("is-target");
                }
            }
        }
        let _ = el2.class_list().add_1("is-target");
    })
    .forget();
    if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
    true
}

/// Calls `f` when the page is about to print (`beforeprint`, or the print
/// media query turning on, as in an emulated print), and at once when it is
/// printing already. Listening stops when the returned value is dropped.
pub fn on_print(f: impl Fn() + 'static) -> Vec<gloo::events::EventListener> {
    let Some(w) = window() else { return Vec::new() };
    let f = std::rc::Rc::new(f);
    let mut listeners = Vec::new();
    let g = f.clone();
    listeners.push(gloo::events::EventListener::new(&w, "beforeprint", move |_| g()));
    if let Some(query) = w.match_media("print").ok().flatten() {
        if query.matches() {
            f();
        }
        let q = query.clone();
        listeners.push(gloo::events::EventListener::new(&query, "change", move |_| {
            if q.matches() {
                f()
            }
        }));
    }
    listeners
}

pub fn prefers_reduced_motion() -> bool {
    window().and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Copies text to the clipboard: false where the page may not, or the
/// browser refused (no permission, not focused, an embedding frame's policy).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// A performance mark (`performance.mark(name)`), for the benchmark and for
/// anyone profiling a page: the first widget's only, so that a page which
/// mounts widgets again and again (a single-page site) does not fill its
/// performance timeline (the browser keeps every mark).
pub fn mark(name: &'static str) {
    thread_local!(static MARKED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) });
    let first = MARKED.with(|m| {
        let mut marked = m.borrow_mut();
        let first = !marked.contains(&name);
        if first {
            marked.push(name);
        }
        first
    });
    if let Some(perf) = window().and_then(|w| w.performance()).filter(|_| first) {
        let _ = perf.mark(name);
    }
}

/// Writes every problem to the browser console, for the page's owner.
pub fn log_problems(url: &str, problems: &[Problem]) {
    for p in problems {
        let line = format!("claim-cards: {url}: {p}");
        if p.is_error() {
            gloo::console::error!(line);
        } else {
            gloo::console::warn!(line);
        }
    }
}
