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
search-placeholder = 搜索模板…
search-no-results = 没有匹配的页面。
