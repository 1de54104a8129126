//! Listings split over numbered pages, the way Zola and Hugo do it: the
//! first page of a listing keeps the listing's own path (`templates/`),
//! the next ones go below it (`templates/page/2/`, `templates/page/3/`…).
//!
//! A section paginates when its front matter sets `paginate_by`; category
//! pages when `site.toml` sets `category_paginate_by`. These functions only
//! count and slice; the theme module turns a pager into the `paginator`
//! templates receive.

/// The directory numbered pages go in, below the listing's path.
pub const PAGE_DIR: &str = "page";

/// How many pages a listing of `items` takes with `per` items each: at
/// least one (an empty listing still has its first page), exactly one when
/// the listing does not paginate.
pub fn pager_count(items: usize, per: Option<usize>) -> usize {
    match per {
        Some(per) if per > 0 => items.div_ceil(per).max(1),
        _ => 1,
    }
}

/// The site path of page `index` (1-based) of a listing at `first`, which
/// ends with `/` (or is empty for a home page at the site root).
pub fn pager_path(first: &str, index: usize) -> String {
    if index <= 1 {
        first.to_string()
    } else {
        format!("{first}{PAGE_DIR}/{index}/")
    }
}

/// The items page `index` (1-based) of the listing shows; all of them when
/// the listing does not paginate, none past its last page.
pub fn pager_items<T>(items: &[T], per: Option<usize>, index: usize) -> &[T] {
    match per {
        Some(per) if per > 0 => {
            let start = index.saturating_sub(1).saturating_mul(per).min(items.len());
            let end = start.saturating_add(per).min(items.len());
            &items[start..end]
        }
        _ => items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_rounding_up_and_never_zero() {
        assert_eq!(pager_count(0, Some(10)), 1);
        assert_eq!(pager_count(10, Some(10)), 1);
        assert_eq!(pager_count(11, Some(10)), 2);
        assert_eq!(pager_count(3334, Some(24)), 139);
        assert_eq!(pager_count(3334, None), 1);
        assert_eq!(pager_count(3334, Some(0)), 1);
    }

    #[test]
    fn first_page_keeps_the_listing_path() {
        assert_eq!(pager_path("templates/", 1), "templates/");
        assert_eq!(pager_path("zh/templates/", 2), "zh/templates/page/2/");
        assert_eq!(pager_path("", 3), "page/3/");
    }

    #[test]
    fn slices_cover_every_item_once() {
        let items: Vec<u32> = (0..25).collect();
        let pages: Vec<&[u32]> = (1..=pager_count(items.len(), Some(10)))
            .map(|k| pager_items(&items, Some(10), k))
            .collect();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0], &items[0..10]);
        assert_eq!(pages[2], &items[20..25]);
        assert_eq!(pages.concat(), items);
        assert!(pager_items(&items, Some(10), 4).is_empty());
        assert_eq!(pager_items(&items, None, 1), &items[..]);
    }
}
