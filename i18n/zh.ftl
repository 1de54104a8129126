# 默认主题的界面文字（中文）。中文只有一种复数形式（other）。
skip-to-content = 跳到正文
nav-label = 主导航
nav-templates = 模板
language = 语言
footer-built-with = 由 zapdoc 生成，流程图在构建时渲染。
page-count = { $count ->
   *[other] { $count } 个模板
}
related-templates = 相关模板
also-in = 其他语言：
fallback-note = （英文）
not-found-title = 页面不存在
not-found-text = 这个地址没有内容，可能已经移动。
back-home = 返回首页
# 模板库
breadcrumb = 面包屑导航
filter-label = 按分类筛选
filter-all = 全部
see-all = 查看全部
pagination-label = 分页
pagination-previous = 上一页
pagination-next = 下一页
pagination-page = 第 { $n } 页
view-code = 查看 FlowZap 代码
flowzap-code = FlowZap 代码
copy-code = 复制代码
copied = 已复制到剪贴板。
copy-failed = 无法复制，请选中代码后手动复制。
code-hint = 可粘贴到 FlowZap 应用中，或任意 zapdoc 页面的 flowzap 代码块里。
related-pages = 相关页面
pages-count = { $count ->
   *[other] { $count } 个页面
}
category-business-operations = 业务运营
category-patterns = 设计模式
# Search box (partials/search.html).
search-label = 搜索
search-placeholder = 搜索…
search-no-results = 没有匹配的页面。
search-results = 搜索结果
search-count = { $count ->
   *[other] { $count } 个结果
}
search-keys = 在任意位置按 / 或 Ctrl+K 即可搜索；用方向键在结果间移动，按 Enter 打开，按 Esc 关闭。
# 浅色与深色主题（base.html）。
theme-dark = 深色主题
# 流程图查看器（base.html、viewer.js）。
diagram-open = 全尺寸查看
diagram-zoom = 缩放
diagram-zoom-in = 放大
diagram-zoom-out = 缩小
diagram-fit = 适应窗口
diagram-actual-size = 实际大小
diagram-close = 关闭
diagram-stage = 可缩放的流程图
diagram-help = 拖动或用方向键移动；滚动滚轮、双指缩放或按 + 和 − 缩放；按 0 恢复实际大小；按 Esc 关闭。
diagram-svg = 下载 SVG
anchor-link = 本节链接
# 模板页：构建提供这些数据时显示的操作和统计。
open-in-flowzap = 在 FlowZap 中打开
download-fz = 下载 .fz 文件
stat-lanes = { $count ->
   *[other] { $count } 条泳道
}
stat-steps = { $count ->
   *[other] { $count } 个步骤
}
stat-connectors = { $count ->
   *[other] { $count } 条连线
}
published = 发布于
# 文档页。
docs-nav = 本节页面
on-this-page = 本页内容
docs-pager = 更多页面
docs-previous = 上一篇
docs-next = 下一篇
edit-page = 编辑此页
code-copy = 复制
code-copied = 已复制
# 404 页面。
not-found-browse = 你可以浏览：
