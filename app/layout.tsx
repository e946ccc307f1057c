import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'LLM API 错误处理沙盒 · Lesson 19 sandbox',
  description: 'Make an OpenAI-compatible API fail on purpose and watch retries, backoff, jitter, a circuit breaker and fallbacks cope.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN" suppressHydrationWarning>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
