# Formulation intégrée du titre et de la description accessibles des
# diagrammes (<title> et <desc> du SVG), lus par les lecteurs d'écran. Le
# fichier i18n/fr.ftl d'un site peut redéfinir chacun de ces messages.
diagram-title = Diagramme : { $lanes }
diagram-summary = { $count ->
    [one] Diagramme en couloirs, 1 couloir.
   *[other] Diagramme en couloirs, { $count } couloirs.
}
diagram-step = { $label } ({ $shape ->
    [circle] événement
    [diamond] décision
    [taskbox] tâche
   *[rectangle] étape
})
diagram-lane = Couloir { $lane } : { $steps }.
diagram-lane-empty = Couloir { $lane } : vide.
diagram-edge = { $from } mène à { $to }.
diagram-edge-lane = { $from } mène à { $to } dans { $lane }.
diagram-edge-label = { $from } mène à { $to } ({ $label }).
diagram-edge-lane-label = { $from } mène à { $to } dans { $lane } ({ $label }).
diagram-loop = Boucle « { $text } » : { $steps }.
diagram-list-separator = {", "}
diagram-sentence-separator = {" "}
