import { isChinese } from '@/lib/i18n/han';

/**
 * Layer 4 of the lesson's chain: a reply that needs nothing at all.
 * The lesson's two wordings: one when the breaker turned us away, one otherwise.
 */
export function cannedReply(message: string, breakerOpen: boolean): string {
  if (isChinese(message)) return breakerOpen ? '系统繁忙，请稍后重试。' : '抱歉，系统暂时无法回答您的问题，请稍后重试。';
  return breakerOpen ? 'The system is busy, please try again later.' : 'Sorry, the system cannot answer your question right now. Please try again later.';
}
