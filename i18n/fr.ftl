# Textes de l’interface du thème par défaut (français). En français, 0 et 1 sont au singulier.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-templates = Modèles
language = Langue
footer-built-with = Généré avec zapdoc — diagrammes rendus à la construction.
page-count = { $count ->
    [one] { $count } modèle
   *[other] { $count } modèles
}
related-templates = Modèles associés
also-in = Aussi en :
fallback-note = (en anglais)
not-found-title = Page introuvable
not-found-text = Il n’y a rien à cette adresse. Elle a peut-être changé.
back-home = Retour à l’accueil
# Galerie
breadcrumb = Fil d’Ariane
filter-label = Filtrer par catégorie
filter-all = Tous
see-all = Tout voir
pagination-label = Pages
pagination-previous = Précédente
pagination-next = Suivante
pagination-page = Page { $n }
view-code = Voir le code FlowZap
flowzap-code = Code FlowZap
copy-code = Copier le code
copied = Copié dans le presse-papiers.
copy-failed = Copie impossible : sélectionnez le code et copiez-le à la main.
code-hint = Collez-le dans l’application FlowZap, ou dans un bloc de code flowzap de n’importe quelle page zapdoc.
related-pages = Pages associées
pages-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
category-business-operations = Opérations métier
category-patterns = Patrons de conception
# Search box (partials/search.html).
search-label = Rechercher
search-placeholder = Rechercher un modèle…
search-no-results = Aucune page ne correspond.
