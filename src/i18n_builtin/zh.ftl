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

# The link to a diagram's standalone SVG file; heading anchors' name.
diagram-svg = 下载 SVG
anchor-link = 本节链接

# 图表的时序视图和架构视图：它们的 <title> 和 <desc>，以及架构视图在组件框中写的文字。
diagram-sequence-title = 时序图：{ $participants }
diagram-sequence-summary = 时序图，共 { $count } 个参与者（{ $participants }），{ $messages } 条消息。
diagram-message = 第 { $number } 条消息：{ $kind ->
    [self] { $from } 发给自己
    [reply] { $from } 回复 { $to }
   *[call] { $from } 发给 { $to }
}（从 { $fromStep } 到 { $toStep }）。
diagram-message-label = 第 { $number } 条消息：{ $kind ->
    [self] { $from } 发给自己
    [reply] { $from } 回复 { $to }
   *[call] { $from } 发给 { $to }
}，内容为“{ $label }”（从 { $fromStep } 到 { $toStep }）。
diagram-sequence-loop = 循环“{ $text }”：第 { $numbers } 条消息。
diagram-sequence-alt = “{ $decision }”之后的分支：{ $branches }。
diagram-branch = { $guard }（第 { $number } 条消息）
diagram-branch-unlabelled = 第 { $number } 条消息
diagram-architecture-title = 架构图：{ $components }
diagram-architecture-summary = 架构图，共 { $count } 个组件。
diagram-component-steps = { $count } 个步骤
diagram-component-decisions = { $count } 个判断
diagram-component = { $kind ->
    [store] 数据存储
    [queue] 队列
   *[service] 组件
}“{ $name }”：{ $counts }。
diagram-component-decides = { $kind ->
    [store] 数据存储
    [queue] 队列
   *[service] 组件
}“{ $name }”：{ $counts }；判断：{ $decisions }。
diagram-dependency = “{ $from }”发送到“{ $to }”。
diagram-dependency-label = “{ $from }”发送到“{ $to }”：{ $labels }。
diagram-more = 另有 { $count } 项
# 模板页上三种视图之间的切换。
diagram-views = 图表视图
diagram-view-workflow = 工作流
diagram-view-sequence = 时序图
diagram-view-architecture = 架构图
