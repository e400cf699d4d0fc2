//! The standalone page (`trunk serve`): one widget filling the page, its
//! state mirrored in the URL. `?bundle=URL` loads another bundle; `theme`
//! and `lang` override the defaults.

fn main() {
    claim_cards::standalone::start();
}
