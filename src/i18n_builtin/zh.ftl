# 图表无障碍标题与描述（SVG 的 <title> 和 <desc>）的内置措辞，供屏幕阅读器朗读。
# 站点自己的 i18n/zh.ftl 可以重新定义其中任何一条消息。
diagram-title = 图表：{ $lanes }
diagram-summary = 泳道图，共 { $count } 条泳道。
diagram-step = { $label }（{ $shape ->
    [circle] 事件
    [diamond] 判断
    [taskbox] 任务
   *[rectangle] 步骤
}）
diagram-lane = 泳道“{ $lane }”：{ $steps }。
diagram-lane-empty = 泳道“{ $lane }”：空。
diagram-edge = { $from } 通向 { $to }。
diagram-edge-lane = { $from } 通向泳道“{ $lane }”中的 { $to }。
diagram-edge-label = { $from } 通向 { $to }（{ $label }）。
diagram-edge-lane-label = { $from } 通向泳道“{ $lane }”中的 { $to }（{ $label }）。
diagram-loop = 循环“{ $text }”：{ $steps }。
diagram-list-separator = 、
diagram-sentence-separator = {""}
