# Built-in wording of the diagrams' accessible title and description
# (the SVG's <title> and <desc>), read by screen readers. A site's own
# i18n/en.ftl may redefine any of these messages.
diagram-title = Diagram: { $lanes }
diagram-summary = { $count ->
    [one] Swimlane diagram with 1 lane.
   *[other] Swimlane diagram with { $count } lanes.
}
diagram-step = { $label } ({ $shape ->
    [circle] event
    [diamond] decision
    [taskbox] task
   *[rectangle] step
})
diagram-lane = Lane { $lane }: { $steps }.
diagram-lane-empty = Lane { $lane }: empty.
diagram-edge = { $from } leads to { $to }.
diagram-edge-lane = { $from } leads to { $to } in { $lane }.
diagram-edge-label = { $from } leads to { $to } ({ $label }).
diagram-edge-lane-label = { $from } leads to { $to } in { $lane } ({ $label }).
diagram-loop = Loop, { $text }: { $steps }.
diagram-list-separator = {", "}
diagram-sentence-separator = {" "}

# Markup zapdoc writes around the page's own: the link to a diagram's
# standalone SVG file, and the accessible name of heading anchors.
diagram-svg = Download SVG
anchor-link = Link to this section

# The sequence and architecture views of a diagram: their <title> and
# <desc>, and the words the architecture view draws in its boxes.
diagram-sequence-title = Sequence diagram: { $participants }
diagram-sequence-summary = Sequence diagram with { $count ->
    [one] 1 participant
   *[other] { $count } participants
} ({ $participants }) and { $messages ->
    [one] 1 message
   *[other] { $messages } messages
}.
diagram-message = Message { $number }, { $kind ->
    [self] { $from } to itself
    [reply] reply from { $from } to { $to }
   *[call] { $from } to { $to }
} ({ $fromStep } to { $toStep }).
diagram-message-label = Message { $number }, { $kind ->
    [self] { $from } to itself
    [reply] reply from { $from } to { $to }
   *[call] { $from } to { $to }
}: { $label } ({ $fromStep } to { $toStep }).
diagram-sequence-loop = Loop, { $text }: messages { $numbers }.
diagram-sequence-alt = Alternatives after { $decision }: { $branches }.
diagram-branch = { $guard } (message { $number })
diagram-branch-unlabelled = message { $number }
diagram-architecture-title = Architecture diagram: { $components }
diagram-architecture-summary = { $count ->
    [one] Architecture diagram with 1 component.
   *[other] Architecture diagram with { $count } components.
}
diagram-component-steps = { $count ->
    [one] 1 step
   *[other] { $count } steps
}
diagram-component-decisions = { $count ->
    [one] 1 decision
   *[other] { $count } decisions
}
diagram-component = { $kind ->
    [store] Data store
    [queue] Queue
   *[service] Component
} { $name }: { $counts }.
diagram-component-decides = { $kind ->
    [store] Data store
    [queue] Queue
   *[service] Component
} { $name }: { $counts }; decides { $decisions }.
diagram-dependency = { $from } sends to { $to }.
diagram-dependency-label = { $from } sends to { $to }: { $labels }.
diagram-more = +{ $count } more
# The switcher between a template's three views.
diagram-views = Diagram views
diagram-view-workflow = Workflow
diagram-view-sequence = Sequence
diagram-view-architecture = Architecture
