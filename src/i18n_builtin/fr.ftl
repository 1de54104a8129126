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

# The link to a diagram's standalone SVG file; heading anchors' name.
diagram-svg = Télécharger le SVG
anchor-link = Lien vers cette section

# Les vues séquence et architecture d’un diagramme : leurs <title> et
# <desc>, et les mots que la vue architecture écrit dans ses composants.
diagram-sequence-title = Diagramme de séquence : { $participants }
diagram-sequence-summary = Diagramme de séquence, { $count ->
    [one] 1 participant
   *[other] { $count } participants
} ({ $participants }), { $messages ->
    [one] 1 message
   *[other] { $messages } messages
}.
diagram-message = Message { $number }, { $kind ->
    [self] de { $from } à lui-même
    [reply] réponse de { $from } à { $to }
   *[call] de { $from } à { $to }
} ({ $fromStep } vers { $toStep }).
diagram-message-label = Message { $number }, { $kind ->
    [self] de { $from } à lui-même
    [reply] réponse de { $from } à { $to }
   *[call] de { $from } à { $to }
} : { $label } ({ $fromStep } vers { $toStep }).
diagram-sequence-loop = Boucle « { $text } » : messages { $numbers }.
diagram-sequence-alt = Alternatives après { $decision } : { $branches }.
diagram-branch = { $guard } (message { $number })
diagram-branch-unlabelled = message { $number }
diagram-architecture-title = Diagramme d’architecture : { $components }
diagram-architecture-summary = Diagramme d’architecture, { $count ->
    [one] 1 composant
   *[other] { $count } composants
}.
diagram-component-steps = { $count ->
    [one] 1 étape
   *[other] { $count } étapes
}
diagram-component-decisions = { $count ->
    [one] 1 décision
   *[other] { $count } décisions
}
diagram-component = { $kind ->
    [store] Stockage de données
    [queue] File de messages
   *[service] Composant
} { $name } : { $counts }.
diagram-component-decides = { $kind ->
    [store] Stockage de données
    [queue] File de messages
   *[service] Composant
} { $name } : { $counts } ; décide { $decisions }.
diagram-dependency = { $from } envoie à { $to }.
diagram-dependency-label = { $from } envoie à { $to } : { $labels }.
diagram-more = { $count ->
    [one] +{ $count } autre
   *[other] +{ $count } autres
}
# Le sélecteur entre les trois vues d’un modèle.
diagram-views = Vues du diagramme
diagram-view-workflow = Flux de travail
diagram-view-sequence = Séquence
diagram-view-architecture = Architecture
