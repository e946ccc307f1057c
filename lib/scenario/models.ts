/**
 * The models and questions of the lesson, as product facts: the service, the
 * mock upstream, the runs and the dashboard all name the same ones.
 */

/** The primary model the lesson calls. */
export const PRIMARY_MODEL = 'gpt-3.5-turbo';

/** The model the lesson falls back to (`LOCAL_LLM_BASE_URL`, e.g. LM Studio). */
export const LOCAL_MODEL = 'qwen2.5-7b-instruct';

/** The questions the lesson's `RobustAIService` demo sends (the second one twice, to show the cache). */
export const LESSON_QUESTIONS = ['什么是Python？', '什么是Java？', '什么是Go？'] as const;

/** Questions a burst or steady load draws from: the lesson's three plus a few more, so the cache sees repeats. */
export const LOAD_QUESTIONS = [
  ...LESSON_QUESTIONS,
  '什么是Rust？',
  '什么是TypeScript？',
  '什么是指数退避？',
  '什么是熔断器？',
  '什么是抖动？',
  '什么是降级？',
  '什么是缓存？',
  '什么是限流？',
  '什么是幂等性？',
] as const;
