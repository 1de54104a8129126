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
