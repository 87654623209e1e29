//! Listings cut into pages of `paginate` cards, Hugo and Zola style: a
//! listing at `dir/` goes on at `dir/page/2/`, `dir/page/3/`… This module
//! says where each page lives and what pager it shows, so that the
//! renderer, the dev server's partial rebuilds and the sitemap agree.

use super::pages::SiteCtx;
use serde::Serialize;

/// Page numbers shown on each side of the current one; the first and the
/// last are always shown, so a pager stays short at any number of pages.
const AROUND: usize = 2;

/// How many pages `items` cards take (an empty listing still has one).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The page (from 1) that shows the card at `position` (from 0).
pub fn page_of(position: usize, per_page: usize) -> usize {
    position / per_page.max(1) + 1
}

/// The site path of page `page` of the listing at `dir` (`""` for the
/// home page, else ending in `/`).
pub fn url_path(dir: &str, page: usize) -> String {
    if page <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{page}/")
    }
}

/// The output file of page `page` of the listing at `dir`.
pub fn output_path(dir: &str, page: usize) -> String {
    format!("{}index.html", url_path(dir, page))
}

/// Every output file of a listing of `items` cards.
pub fn output_paths(dir: &str, items: usize, per_page: usize) -> Vec<String> {
    (1..=page_count(items, per_page))
        .map(|p| output_path(dir, p))
        .collect()
}

/// The output file of the page of the listing at `dir` of the incidents
/// `list` that shows incident `n`.
pub fn path_of(dir: &str, list: &[usize], n: usize, per_page: usize) -> Option<String> {
    let position = list.iter().position(|&m| m == n)?;
    Some(output_path(dir, page_of(position, per_page)))
}

/// The range of cards page `page` shows.
pub fn range(page: usize, items: usize, per_page: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = ((page.max(1) - 1) * per_page).min(items);
    start..(start + per_page).min(items)
}

/// The links between the pages of one listing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out before this one (shown as "…").
    pub gap_before: bool,
}

/// The pager of page `current` of `total`, `None` for a listing that fits
/// on one page.
pub fn pager(site: &SiteCtx, dir: &str, current: usize, total: usize) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let url = |p: usize| site.url(&url_path(dir, p));
    let shown = |p: usize| p == 1 || p == total || p.abs_diff(current) <= AROUND;
    let mut links = Vec::new();
    let mut last = 0;
    for p in (1..=total).filter(|&p| shown(p)) {
        links.push(PageLink {
            number: p,
            url: url(p),
            current: p == current,
            gap_before: p > last + 1,
        });
        last = p;
    }
    Some(Pager {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteCtx {
        SiteCtx::new(&crate::config::Config {
            base_url: "/kb/".into(),
            ..Default::default()
        })
    }

    #[test]
    fn pages_split_the_cards_without_loss_or_overlap() {
        for per_page in 1..7 {
            for items in 0..40 {
                let pages = page_count(items, per_page);
                let mut seen = 0;
                for p in 1..=pages {
                    let r = range(p, items, per_page);
                    assert_eq!(r.start, seen, "{items} items, {per_page} a page");
                    assert!(r.len() <= per_page);
                    assert!(items == 0 || !r.is_empty(), "page {p} of {items} is empty");
                    for position in r.clone() {
                        assert_eq!(page_of(position, per_page), p);
                    }
                    seen = r.end;
                }
                assert_eq!(seen, items);
            }
        }
    }

    #[test]
    fn first_page_is_the_listing_itself() {
        assert_eq!(output_path("", 1), "index.html");
        assert_eq!(output_path("", 2), "page/2/index.html");
        assert_eq!(
            output_path("technologies/redis/", 3),
            "technologies/redis/page/3/index.html"
        );
        assert_eq!(
            output_paths("lessons/", 101, 50),
            [
                "lessons/index.html",
                "lessons/page/2/index.html",
                "lessons/page/3/index.html"
            ]
        );
    }

    #[test]
    fn pager_shows_ends_and_neighbours_with_gaps() {
        assert_eq!(pager(&site(), "", 1, 1), None);
        let p = pager(&site(), "tags/x/", 10, 40).expect("a pager");
        let numbers: Vec<(usize, bool)> =
            p.links.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (8, true),
                (9, false),
                (10, false),
                (11, false),
                (12, false),
                (40, true)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/kb/tags/x/page/9/"));
        assert_eq!(p.next.as_deref(), Some("/kb/tags/x/page/11/"));
        assert_eq!(p.links[0].url, "/kb/tags/x/");
        let first = pager(&site(), "", 1, 3).expect("a pager");
        assert_eq!(first.prev, None);
        assert_eq!(first.next.as_deref(), Some("/kb/page/2/"));
        assert!(first.links.iter().all(|l| !l.gap_before));
    }
}
