//! A page of `content/zh/`: any bytes load, validate against the fixture
//! site's data and render to HTML without a panic; every problem points into
//! the text; and without `allow_html` no tag of the input reaches the HTML.
//! The first byte of the input chooses whether raw HTML is allowed.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planpress::content::Page;
use planpress::content::markdown::{Options_, render};
use planpress::diag::Problems;
use planpress::lang::Lang;
use planpress::model::Data;
use planpress_fuzz::{check_problems, fixture_data, fixture_slugs, text_of};

static DATA: OnceLock<Data> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let Some((&flags, rest)) = bytes.split_first() else {
        return;
    };
    let Some(text) = text_of(rest) else { return };
    let data = DATA.get_or_init(fixture_data);
    let file = Path::new("content/zh/intro.md");
    let mut problems = Problems::default();
    let page = Page::load(file, Lang::Zh, text.as_str().into(), &mut problems);
    if let Some(page) = &page {
        page.validate(data, &fixture_slugs(), &mut problems);
        let allow_html = flags & 1 == 1;
        let href = |slug: &str| format!("../{slug}/index.html");
        let opts = Options_ {
            allow_html,
            page_href: &href,
        };
        let count = page.shortcodes.len();
        let rendered = render(page, &opts, &mut |i| {
            assert!(i < count, "shortcode {i} of {count}");
            format!("<div class=\"shortcode\">{i}</div>")
        });
        if !allow_html {
            assert!(!rendered.html.contains("<script"), "{}", rendered.html);
        }
        let body = page.body();
        for &at in &rendered.stray_emphasis {
            assert!(at <= body.len() && body.is_char_boundary(at), "{at}");
        }
    }
    check_problems(&mut problems, file, &text);
});
