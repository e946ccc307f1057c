/**
 * Deterministic answers for the mock models. The same question always gets the
 * same text, so a cached answer, a retried answer and a fresh one can be
 * compared character by character in the dashboard and in tests.
 */
import { isChinese } from '@/lib/i18n/han';

type Lang = 'zh' | 'en';

/** Canned knowledge, one entry per topic, in both languages. */
const TOPICS: Record<string, { match: RegExp; zh: string; en: string }> = {
  python: {
    match: /^python$/,
    zh: 'Python 是一种简洁易读的解释型编程语言，由 Guido van Rossum 于 1991 年发布。它拥有丰富的标准库和庞大的第三方生态，广泛用于数据分析、人工智能、自动化脚本和 Web 开发。',
    en: 'Python is a readable, interpreted programming language first released by Guido van Rossum in 1991. Its large standard library and ecosystem make it a favourite for data science, AI, scripting and web development.',
  },
  java: {
    match: /^java$/,
    zh: 'Java 是一种面向对象的静态类型语言，1995 年由 Sun 公司发布。程序编译成字节码后在 JVM 上运行，“一次编写，到处运行”，常用于企业后端、Android 应用和大数据系统。',
    en: 'Java is a statically typed, object-oriented language released by Sun in 1995. Programs compile to bytecode that runs on the JVM ("write once, run anywhere"), and it powers enterprise back ends, Android apps and big-data systems.',
  },
  go: {
    match: /^(go|golang|go语言)$/,
    zh: 'Go（Golang）是 Google 于 2009 年发布的开源编程语言，语法简洁、编译迅速。它内置 goroutine 和 channel 来支持并发，常用于云原生服务、网络服务器和命令行工具。',
    en: 'Go (Golang) is an open-source language released by Google in 2009, with a small syntax and fast compiler. Goroutines and channels make concurrency built in, so it is popular for cloud services, network servers and CLI tools.',
  },
  backoff: {
    match: /^(指数退避|exponentialbackoff)$/,
    zh: '指数退避是一种重试策略：每次失败后等待的时间成倍增长，例如 1 秒、2 秒、4 秒。再加上随机抖动，可以避免大量客户端同时重试，把服务器再次压垮。',
    en: 'Exponential backoff is a retry strategy where the wait doubles after each failure, e.g. 1 s, 2 s, 4 s. Adding random jitter stops many clients from retrying in lockstep and knocking the server over again.',
  },
};

/** Lower-case, drop whitespace and trailing punctuation (full- and half-width). */
function normalize(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[？?！!。.]+$/u, '');
}

/** The topic a "what is X" question asks about, if we know it. */
function topicOf(question: string): string | undefined {
  const q = normalize(question);
  const subject = /^(?:什么是|whatis|what's|whatare)(.+)$/u.exec(q)?.[1] ?? /^(.+)是什么$/u.exec(q)?.[1];
  if (subject === undefined) return undefined;
  return Object.keys(TOPICS).find((k) => TOPICS[k]!.match.test(subject));
}

/** Shorten a quoted question so a huge prompt is never echoed whole. At most 60 code points. */
function quote(question: string): string {
  const chars = Array.from(question.trim());
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : chars.join('');
}

/**
 * The primary model's answer: a real 2–3 sentence answer for the lesson's
 * questions (with or without the full-width "？", and the English "What is
 * Python?" forms), a generic answer quoting the question otherwise.
 * Language follows the question: Han characters → Chinese, else English.
 */
export function answerFor(question: string): string {
  const lang: Lang = isChinese(question) ? 'zh' : 'en';
  const topic = topicOf(question);
  if (topic !== undefined) return TOPICS[topic]![lang];
  const q = quote(question);
  return lang === 'zh'
    ? `关于“${q}”：这是沙盒模拟模型给出的示例回答。真实服务会在这里返回模型生成的内容；本课关注的是调用失败时如何重试和降级。`
    : `About "${q}": this is a sample answer from the sandbox's mock model. A real service would return generated text here; this lesson is about what to do when that call fails.`;
}

/** Label prefixed to every local-model answer, so a fallback is visible at a glance. */
export function localModelPrefix(question: string): string {
  return isChinese(question) ? '（本地模型 qwen2.5-7b）' : '(local model qwen2.5-7b) ';
}

/**
 * The small local model's answer (layer 3 of the lesson's fallback chain): the
 * first sentence of {@link answerFor}, prefixed with {@link localModelPrefix}.
 * Shorter on purpose: a 7B model is a degraded but useful stand-in.
 */
export function localAnswerFor(question: string): string {
  const full = answerFor(question);
  // Cut after the first sentence end that is followed by more text.
  const match = /^(.+?[。！？]|.+?[.!?](?=\s))/u.exec(full);
  return localModelPrefix(question) + (match?.[1] ?? full);
}
