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
search-placeholder = Search templates…
search-no-results = No matching page.
