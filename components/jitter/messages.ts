/**
 * The jitter lab's own strings, in Chinese (the course's language) and English.
 *
 * Kept apart from lib/i18n/messages.ts (the dashboard's catalogue) so the two
 * pages can grow independently. As there, the Chinese table is the source of
 * truth: its keys make {@link JitterMessageKey} and the English table is typed
 * `Record<JitterMessageKey, string>`, so a missing key fails `tsc`.
 * Placeholders are `{name}`, filled by {@link jitterText}.
 */
import { fillPlaceholders, type Locale, type MessageParams } from '@/lib/i18n/locale';

const zh = {
  'page.title': '抖动实验室',
  'page.subtitle': '同一个种子、同一群客户端：左边是不加抖动的指数退避，右边是你选的策略（复现 Brooker 2015 的实验）。',
  'page.back': '← 返回仪表盘',

  'controls.title': '参数',
  'controls.herd': '客户端与退避',
  'controls.clients': '客户端数',
  'controls.baseMs': '基础延迟 base',
  'controls.capMs': '延迟上限 cap',
  'controls.runs': '每个策略运行次数（取平均）',
  'controls.seed': '随机种子',
  'controls.strategy': '右侧对比的策略',
  'controls.model': '模型',
  'controls.model.occ': 'OCC：Brooker 的乐观并发（争用同一行）',
  'controls.model.api': 'API：限流的 LLM API（返回 429）',
  'controls.api': 'API 模型',
  'controls.apiOnly': '以下选项只在 API 模型下生效。',
  'controls.capacity': '服务器容量',
  'controls.retryAfter': '遵守 Retry-After（等服务器给的时间，不用退避公式）',
  'controls.budget': '重试预算（gRPC 示例：10 个令牌，比例 0.1）',
  'controls.reset': '恢复默认',
  'unit.ms': '{v} 毫秒',
  'unit.perS': '{v} 次/秒',
  'unit.count': '{v}',

  'status.computing': '计算中…（仍显示上一次的结果）',
  'status.ready': '已更新',
  'status.sweeping': '正在扫描客户端数：{done}/{total}',
  'status.timing': '重算耗时：对比 {compare}，全部策略 {totals}',
  'status.sweepTiming': '，扫描 {sweep}',
  'status.engine.worker': '（在 Web Worker 中运行，页面不会卡住）',
  'status.engine.main': '（浏览器不支持 Worker，在主线程分段运行）',
  'status.error': '模拟出错：{message}',
  'chart.waiting': '正在计算…',

  'compare.title': '调用随时间的分布',
  'compare.panel': '{name}',
  'compare.description': '每 {bin} 毫秒的调用数（{runs} 次运行的平均），截至较慢一方的 p95 完成时间 {end}',
  'compare.descriptionZoom': '每 {bin} 毫秒的调用数（{runs} 次运行的平均），放大到右侧策略的 p95 完成时间 {end}',
  'compare.zoom': '放大到右侧策略的时间范围',
  'compare.xAxis': '时间（秒）',
  'compare.yAxis': '调用数',
  'compare.summary': '调用：{chosen} 对 {baseline}（{ratio}）；完成时间：{chosenTime} 对 {baselineTime}',
  'compare.summaryLabel': '右侧策略对左侧（无抖动）',

  'note.baseline.occ': '注意一簇簇尖峰：撞车的客户端等待完全相同的时间，于是又一起撞上；等待到达上限后，每 {cap} 毫秒来一波。',
  'note.baseline.api': '注意成批到达的调用：被 429 拒绝的客户端按同一张时间表重试，每秒只有前 {capacity} 个被接受。',
  'note.retryAfter': '遵守 Retry-After 时退避公式不起作用：两边完全相同，所有被拒的客户端在下一秒开始时一起回来。',
  'note.budget': '开启预算后，令牌桶在第一轮就见底，大多数客户端直接放弃：调用几乎立刻就停了（这里不到 0.1 秒）。',
  'note.chosen.none': '完全不等待：一堵立即重试的墙，调用最多；因为一直在抢，反而结束得快。',
  'note.chosen.full': '同一群客户端（同一个种子）被摊成平稳的速率，结束得早得多。',
  'note.chosen.equal': '每次等待有一半是固定的：比完全抖动更集中，结束得也更晚。',
  'note.chosen.decorrelated': '每个客户端从自己上一次的等待出发随机取值：分散得好，但调用比完全抖动多一些。',
  'note.chosen.lesson-additive': '随机部分叠加在完整的指数延迟之上：每次至少等满 expo，尖峰被削平了，但整体被推后，结束得更晚。',
  'note.chosen.lesson-multiplicative': '等待落在 0.5–1.5 倍指数延迟之间：平均和不加抖动一样长，是完全抖动的两倍。',
  'note.chosen.openai-sdk': 'SDK 的公式只随机去掉最多 25%：簇的形状仍然看得出来。',
  'note.chosen.exponential': '与左侧相同。',

  'totals.title': '各策略总计',
  'totals.description': '{clients} 个客户端，{runs} 次运行的平均；条形长度相对于该列最大值',
  'totals.strategy': '策略',
  'totals.calls': '调用数',
  'totals.completion': '完成时间',
  'totals.p95': 'p95',
  'totals.successes': '成功',
  'totals.giveUps': '放弃',
  'totals.baselineTag': '基线',
  'totals.chosenTag': '对比',
  'totals.summary': '调用最少：{fewest}（{calls}）；最快完成：{fastest}（{time}）',
  'note.totals.occ': '比较完全抖动和无抖动指数退避的调用数；再看课程的两种公式：调用数与完全抖动相当，完成时间却长得多。',
  'note.totals.api': '面对限流的 API，各种退避的调用数相差不大（每秒只接受 {capacity} 个，其余都是 429）；抖动主要缩短完成时间。',
  'note.totals.budget': '开启预算后，每个策略的调用数都降到几乎同一个小数字：减少工作量的是预算，不是抖动；代价是“放弃”一列。',

  'sweep.calls.title': '调用数与客户端数',
  'sweep.completion.title': '完成时间与客户端数',
  'sweep.description': '客户端 10–200，每个点 {runs} 次运行的平均（Brooker 的两张折线图）',
  'sweep.xAxis': '客户端数',
  'sweep.yCalls': '调用数',
  'sweep.ySeconds': '完成时间（秒）',
  'sweep.log': '纵轴用对数刻度',
  'sweep.summaryCalls': '{clients} 个客户端时调用：{chosen} {chosenValue}，{baseline} {baselineValue}',
  'sweep.summaryCompletion': '{clients} 个客户端时完成：{chosen} {chosenValue}，{baseline} {baselineValue}',
  'note.sweep.calls.occ': '注意客户端越多差距越大：无抖动的工作量比完全抖动增长得快得多。',
  'note.sweep.completion.occ': '注意无抖动的指数退避在每个规模下都慢得多；课程的两条虚线在完全抖动之上。',
  'note.sweep.calls.api': '面对限流 API，不论哪种退避，调用数都随客户端数增长；打开预算，看曲线被压平。',
  'note.sweep.completion.api': '完成时间由容量决定：N 个客户端至少要 N ÷ 容量 秒；抖动只是少浪费这段时间。',
  'note.sweep.calls.budget': '开启预算后工作量几乎只是“客户端数 + 几次重试”：多出来的客户端放弃了，而不是排队重试。',
  'note.sweep.completion.budget': '开启预算后所有人很快结束——因为大多数人放弃了，这不是成功得更快。',

  'lessons.title': '这个实验说明了什么',
  'lessons.brooker.title': 'Brooker 的结论（2015）',
  'lessons.brooker.body':
    'N 个客户端争着写同一行数据（乐观并发），服务器数每一次写入。100 个客户端时，完全抖动（等待 U(0, expo)）的调用数不到无抖动指数退避的一半，而且结束得早得多；均等抖动的工作量略多于完全抖动，也更慢；去相关抖动的工作量比完全抖动多，用时相近。客户端少于约 50 个时，这些排序会变得模糊。',
  'lessons.lesson.title': '课程的说法，以及修正',
  'lessons.lesson.body':
    '第 19 课 §3.3 说：1000 个客户端同时失败时，抖动让它们的重试“分散开”。方向没错，但课程自己的公式让大部分等待仍是确定的：§3.3 等 base + U(0, base)（永远不少于不加抖动的延迟），§3.4 等 delay × (0.5 + U)（至少一半是固定的）。随机窗口并不比完全抖动宽，却坐在一个固定的“地板”上：相对于等待本身分散得更少，每个人等得更久。在这里它们的调用数与完全抖动相当，完成时间却长得多（看上面的表）；而且在本模拟器里所有延迟都封顶，指数部分到达 cap 之后，base + U(0, base) 就恰好等于 cap，抖动完全消失。完全抖动则把整个等待都随机化。',
  'lessons.budget.title': '退避是干什么用的？（Brooker 2022）',
  'lessons.budget.body':
    '退避帮助一组固定的客户端熬过短暂的尖峰；但面对许多独立、持续到来的客户端，它只是推迟了工作，并没有减少工作。真正减少工作的是限制重试：重试预算（令牌桶），例如 gRPC 的 retryThrottling。切换到 API 模型并打开预算：每个策略的调用数都降到差不多同一个小数字，表格里的“放弃”一列就是代价——过载变成了快速失败，交给降级处理。',
  'lessons.budget.try': '试试：API 模型 + 重试预算',
  'lessons.sources':
    '来源：Marc Brooker，“Exponential Backoff And Jitter”，AWS Architecture Blog，2015；Marc Brooker，“What is Backoff For?”，2022；第 19 课 §3.3、§3.4；gRPC 文档 “Retry throttling”。',
} as const;

/** Every message id of the jitter lab. */
export type JitterMessageKey = keyof typeof zh;

const en: Record<JitterMessageKey, string> = {
  'page.title': 'Jitter lab',
  'page.subtitle': 'Same seed, same herd: exponential backoff without jitter on the left, the strategy you choose on the right (Brooker’s 2015 experiment).',
  'page.back': '← Back to the dashboard',

  'controls.title': 'Settings',
  'controls.herd': 'Herd and backoff',
  'controls.clients': 'Clients',
  'controls.baseMs': 'Base delay',
  'controls.capMs': 'Delay cap',
  'controls.runs': 'Runs per strategy (averaged)',
  'controls.seed': 'Seed',
  'controls.strategy': 'Strategy to compare (right)',
  'controls.model': 'Model',
  'controls.model.occ': 'OCC: Brooker’s optimistic concurrency (one contended row)',
  'controls.model.api': 'API: a rate-limited LLM API (answers 429)',
  'controls.api': 'API model',
  'controls.apiOnly': 'These settings only apply to the API model.',
  'controls.capacity': 'Server capacity',
  'controls.retryAfter': 'Honour Retry-After (wait the server’s time, not the backoff)',
  'controls.budget': 'Retry budget (gRPC’s example: 10 tokens, ratio 0.1)',
  'controls.reset': 'Reset',
  'unit.ms': '{v} ms',
  'unit.perS': '{v} req/s',
  'unit.count': '{v}',

  'status.computing': 'Computing… (showing the previous result)',
  'status.ready': 'Up to date',
  'status.sweeping': 'Sweeping herd sizes: {done}/{total}',
  'status.timing': 'Recompute: comparison {compare}, all strategies {totals}',
  'status.sweepTiming': ', sweep {sweep}',
  'status.engine.worker': '(in a Web Worker, so the page never freezes)',
  'status.engine.main': '(no Worker in this browser: running in slices on the main thread)',
  'status.error': 'The simulation failed: {message}',
  'chart.waiting': 'Computing…',

  'compare.title': 'Calls over time',
  'compare.panel': '{name}',
  'compare.description': 'Calls per {bin} ms (mean of {runs} runs), up to the slower side’s p95 completion, {end}',
  'compare.descriptionZoom': 'Calls per {bin} ms (mean of {runs} runs), zoomed to the right-hand side’s p95 completion, {end}',
  'compare.zoom': 'Zoom to the right-hand strategy’s time span',
  'compare.xAxis': 'time (s)',
  'compare.yAxis': 'calls',
  'compare.summary': 'calls: {chosen} vs {baseline} ({ratio}); completion: {chosenTime} vs {baselineTime}',
  'compare.summaryLabel': 'Right-hand strategy against the left (no jitter)',

  'note.baseline.occ': 'Notice the clusters: clients that collided wait exactly as long, so they collide again together; once the wait reaches the cap, a wave every {cap} ms.',
  'note.baseline.api': 'Notice the batches: clients refused with 429 retry on the same schedule, and only the first {capacity} each second get through.',
  'note.retryAfter': 'With Retry-After honoured the backoff formula is unused: both panels are identical, and every refused client returns together as the next second starts.',
  'note.budget': 'With the budget on, the bucket drains in the first round and most clients give up: the calls stop almost at once (under 0.1 s here).',
  'note.chosen.none': 'No wait at all: a wall of immediate retries and the most calls, yet constant contention ends it quickly.',
  'note.chosen.full': 'The same herd (same seed) spreads into a steady rate and drains far sooner.',
  'note.chosen.equal': 'Half of every wait is fixed: more bunched than full jitter, and it ends later.',
  'note.chosen.decorrelated': 'Each client draws from its own previous wait: well spread, but a few more calls than full jitter.',
  'note.chosen.lesson-additive': 'The random part sits on top of the full exponential delay: every wait is at least expo, so the peaks flatten but everything shifts later.',
  'note.chosen.lesson-multiplicative': 'Waits fall between 0.5× and 1.5× the exponential delay: on average as long as no jitter, twice full jitter’s.',
  'note.chosen.openai-sdk': 'The SDK’s formula only takes off up to 25% at random: the clusters are still visible.',
  'note.chosen.exponential': 'The same as the left.',

  'totals.title': 'Totals per strategy',
  'totals.description': '{clients} clients, mean of {runs} runs; bars are relative to the column’s largest value',
  'totals.strategy': 'Strategy',
  'totals.calls': 'Calls',
  'totals.completion': 'Completion',
  'totals.p95': 'p95',
  'totals.successes': 'Answered',
  'totals.giveUps': 'Gave up',
  'totals.baselineTag': 'baseline',
  'totals.chosenTag': 'compared',
  'totals.summary': 'fewest calls: {fewest} ({calls}); fastest: {fastest} ({time})',
  'note.totals.occ': 'Compare full jitter’s calls with exponential’s, then the lesson’s two formulas: about as few calls as full jitter, but far longer to finish.',
  'note.totals.api': 'Against a rate-limited API the backoffs do similar work (the server takes {capacity} a second, the rest are 429s); jitter mostly shortens the completion time.',
  'note.totals.budget': 'With the budget on, every strategy drops to about the same small number of calls: the budget, not the jitter, cuts the work — the price is the “gave up” column.',

  'sweep.calls.title': 'Calls against clients',
  'sweep.completion.title': 'Completion time against clients',
  'sweep.description': 'Clients 10–200, mean of {runs} runs per point (Brooker’s two line charts)',
  'sweep.xAxis': 'clients',
  'sweep.yCalls': 'calls',
  'sweep.ySeconds': 'completion (s)',
  'sweep.log': 'Logarithmic y axis',
  'sweep.summaryCalls': 'calls at {clients} clients: {chosen} {chosenValue}, {baseline} {baselineValue}',
  'sweep.summaryCompletion': 'completion at {clients} clients: {chosen} {chosenValue}, {baseline} {baselineValue}',
  'note.sweep.calls.occ': 'Notice the gap widen with the herd: without jitter the work grows much faster than with full jitter.',
  'note.sweep.completion.occ': 'Notice exponential without jitter is far slower at every size; the lesson’s two dashed lines sit above full jitter.',
  'note.sweep.calls.api': 'Against a rate-limited API the calls grow with the herd whatever the backoff; turn the budget on and watch the curves flatten.',
  'note.sweep.completion.api': 'Capacity sets the completion time: N clients need at least N ÷ capacity seconds; jitter only wastes less of it.',
  'note.sweep.calls.budget': 'With the budget the work is about “clients + a few retries”: the extra clients give up instead of queueing retries.',
  'note.sweep.completion.budget': 'With the budget everyone finishes quickly — because most give up, not because they succeed sooner.',

  'lessons.title': 'What the experiment shows',
  'lessons.brooker.title': 'Brooker’s findings (2015)',
  'lessons.brooker.body':
    'N clients race to write one database row (optimistic concurrency) and the server counts every write. At 100 clients, full jitter (wait U(0, expo)) makes less than half the calls of exponential backoff without jitter and finishes far sooner. Equal jitter does slightly more work than full jitter and is slower; decorrelated jitter does more work than full jitter in about the same time. Below about 50 clients the orderings blur.',
  'lessons.lesson.title': 'The lesson’s claim, corrected',
  'lessons.lesson.body':
    'Lesson 19 (§3.3) says that when a thousand clients fail together, jitter spreads out their retries. The direction is right, but the lesson’s own formulas keep most of each wait deterministic: §3.3 waits base + U(0, base) (never less than the un-jittered delay) and §3.4 waits delay × (0.5 + U) (at least half of it fixed). The random window is no wider than full jitter’s, yet it sits on a fixed floor: relative to the wait the herd spreads less, and everyone waits longer. Here they make about as few calls as full jitter but take much longer to finish (see the table). And because every delay is capped in this simulator, once the exponential part reaches the cap, base + U(0, base) is exactly the cap: the jitter is gone. Full jitter randomises the whole wait.',
  'lessons.budget.title': 'What is backoff for? (Brooker, 2022)',
  'lessons.budget.body':
    'Backoff helps a fixed set of clients ride out a short spike. Against many independent clients that keep arriving, it only postpones the work; it does not remove it. What reduces the work is limiting retries: a retry budget (a token bucket) such as gRPC’s retryThrottling. Switch to the API model and turn the budget on: every strategy’s calls drop to about the same small number, and the “gave up” column shows the price — overload becomes fast failure, for a fallback to handle.',
  'lessons.budget.try': 'Try it: API model + retry budget',
  'lessons.sources':
    'Sources: Marc Brooker, “Exponential Backoff And Jitter”, AWS Architecture Blog, 2015; Marc Brooker, “What is Backoff For?”, 2022; lesson 19, §3.3 and §3.4; gRPC documentation, “Retry throttling”.',
};

/** Both tables, by locale. */
export const JITTER_MESSAGES: Record<Locale, Record<JitterMessageKey, string>> = { 'zh-CN': zh, en };

/** Values for `{name}` placeholders. */
export type JitterParams = MessageParams;

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function jitterText(locale: Locale, key: JitterMessageKey, params?: JitterParams): string {
  return fillPlaceholders(JITTER_MESSAGES[locale][key], params);
}
