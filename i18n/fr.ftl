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
search-placeholder = Rechercher…
search-no-results = Aucune page ne correspond.
search-results = Résultats de la recherche
search-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
search-keys = Appuyez sur / ou Ctrl+K pour chercher depuis n’importe où ; les flèches parcourent les résultats, Entrée en ouvre un, Échap les ferme.
# Clair et sombre (base.html).
theme-dark = Thème sombre
# La visionneuse de diagrammes (base.html, viewer.js).
diagram-open = Agrandir
diagram-zoom = Zoom
diagram-zoom-in = Zoom avant
diagram-zoom-out = Zoom arrière
diagram-fit = Ajuster
diagram-actual-size = Taille réelle
diagram-close = Fermer
diagram-stage = Diagramme zoomable
diagram-help = Faites glisser ou utilisez les flèches pour vous déplacer ; molette, pincement ou + et − pour zoomer ; 0 pour la taille réelle ; Échap pour fermer.
diagram-svg = Télécharger le SVG
anchor-link = Lien vers cette section
# Pages de modèle : actions et décomptes, affichés quand la construction les fournit.
open-in-flowzap = Ouvrir dans FlowZap
download-fz = Télécharger le .fz
stat-lanes = { $count ->
    [one] { $count } couloir
   *[other] { $count } couloirs
}
stat-steps = { $count ->
    [one] { $count } étape
   *[other] { $count } étapes
}
stat-connectors = { $count ->
    [one] { $count } connecteur
   *[other] { $count } connecteurs
}
published = Publié le
# Pages de documentation.
docs-nav = Dans cette section
on-this-page = Sur cette page
docs-pager = Autres pages
docs-previous = Précédent
docs-next = Suivant
edit-page = Modifier cette page
code-copy = Copier
code-copied = Copié
# La page 404.
not-found-browse = Vous pouvez parcourir :
