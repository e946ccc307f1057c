/**
 * True when `text` contains Han characters. The mock models answer, and the
 * service words its canned and error replies, in the question's language.
 */
export function isChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
