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
category-business-operations = Business operations
category-patterns = Patterns
# Search box (partials/search.html).
search-label = Search
search-placeholder = Search templates…
search-no-results = No matching page.
