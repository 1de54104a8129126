# UI strings of the default theme (English, the default language).
skip-to-content = Skip to content
nav-label = Main
nav-templates = Templates
language = Language
footer-built-with = Built with zapdoc — diagrams rendered at build time.
page-count = { $count ->
    [one] { $count } template
   *[other] { $count } templates
}
related-templates = Related templates
also-in = Also in:
fallback-note = (in English)
not-found-title = Page not found
not-found-text = There is nothing at this address. It may have moved.
back-home = Back to the home page
# Gallery
breadcrumb = Breadcrumb
filter-label = Filter by category
filter-all = All
see-all = See all
pagination-label = Pages
pagination-previous = Previous
pagination-next = Next
pagination-page = Page { $n }
view-code = View the FlowZap code
flowzap-code = FlowZap Code
copy-code = Copy code
copied = Copied to the clipboard.
copy-failed = Could not copy: select the code and copy it by hand.
code-hint = Paste it into the FlowZap app, or into a flowzap code block of any zapdoc page.
related-pages = Related pages
pages-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
category-business-operations = Business operations
category-patterns = Patterns
# Search box (partials/search.html).
search-label = Search
search-placeholder = Search…
search-no-results = No matching page.
search-results = Search results
search-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-keys = Press / or Ctrl+K to search from anywhere; the arrow keys move through the results, Enter opens one, Escape closes them.
# Light and dark (base.html).
theme-dark = Dark theme
# The diagram viewer (base.html, viewer.js).
diagram-open = Full size
diagram-zoom = Zoom
diagram-zoom-in = Zoom in
diagram-zoom-out = Zoom out
diagram-fit = Fit
diagram-actual-size = Actual size
diagram-close = Close
diagram-stage = Zoomable diagram
diagram-help = Drag or use the arrow keys to move; scroll, pinch or press + and − to zoom; 0 for the actual size; Escape to close.
diagram-svg = Download SVG
anchor-link = Link to this section
# Template pages: actions and counts, shown when the build provides them.
open-in-flowzap = Open in FlowZap
download-fz = Download .fz
stat-lanes = { $count ->
    [one] { $count } lane
   *[other] { $count } lanes
}
stat-steps = { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
stat-connectors = { $count ->
    [one] { $count } connector
   *[other] { $count } connectors
}
published = Published
# Docs pages.
docs-nav = In this section
on-this-page = On this page
docs-pager = More pages
docs-previous = Previous
docs-next = Next
edit-page = Edit this page
code-copy = Copy
code-copied = Copied
# The 404 page.
not-found-browse = Browse instead:
