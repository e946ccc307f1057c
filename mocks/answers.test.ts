import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isChinese } from '@/lib/i18n/han';
import { LESSON_QUESTIONS } from '@/lib/scenario/models';
import { answerFor, localAnswerFor } from './answers';

describe('answerFor', () => {
  it('gives each lesson question a distinct, real Chinese answer of 2–3 sentences', () => {
    const answers = LESSON_QUESTIONS.map(answerFor);
    expect(new Set(answers).size).toBe(3);
    expect(answers[0]).toContain('Python');
    expect(answers[1]).toContain('Java');
    expect(answers[2]).toContain('Go');
    for (const a of answers) {
      expect(isChinese(a)).toBe(true);
      const sentences = a.split('。').filter((s) => s.length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(3);
      expect(a).not.toContain('示例回答');
    }
  });

  it('ignores the full-width or half-width question mark and spacing', () => {
    expect(answerFor('什么是Python')).toBe(answerFor('什么是Python？'));
    expect(answerFor('什么是 Python?')).toBe(answerFor('什么是Python？'));
    expect(answerFor('什么是golang？')).toBe(answerFor('什么是Go？'));
  });

  it('answers the English forms with the same facts, in English', () => {
    const en = answerFor('What is Python?');
    expect(en).toMatch(/^Python is/);
    expect(answerFor('what is java')).toMatch(/^Java is/);
    expect(answerFor("What's Go?")).toMatch(/^Go \(Golang\)/);
    expect(isChinese(en)).toBe(false);
  });

  it('answers anything else generically, quoting the question, in its language', () => {
    const zh = answerFor('今天天气怎么样？');
    expect(zh).toContain('“今天天气怎么样？”');
    expect(isChinese(zh)).toBe(true);
    const en = answerFor('How tall is Everest?');
    expect(en).toContain('"How tall is Everest?"');
    expect(isChinese(en)).toBe(false);
  });

  it('never echoes a huge prompt whole', () => {
    const long = 'x'.repeat(10_000);
    expect(answerFor(long).length).toBeLessThan(300);
  });

  it('is a pure function (property)', () => {
    fc.assert(fc.property(fc.string(), (q) => answerFor(q) === answerFor(q) && answerFor(q).length > 0));
  });
});

describe('localAnswerFor', () => {
  it('is visibly from the local model and shorter than the primary answer', () => {
    const local = localAnswerFor('什么是Python？');
    expect(local.startsWith('（本地模型 qwen2.5-7b）')).toBe(true);
    expect(local.length).toBeLessThan(answerFor('什么是Python？').length);
    expect(local).toContain('Python 是一种');
    expect(localAnswerFor('What is Java?')).toMatch(/^\(local model qwen2\.5-7b\) Java is .*\.$/);
  });

  it('differs from the primary answer for every question (property)', () => {
    fc.assert(fc.property(fc.string(), (q) => localAnswerFor(q) !== answerFor(q)));
  });
});
