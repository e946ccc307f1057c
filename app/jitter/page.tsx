import type { Metadata } from 'next';
import { JitterHeader } from '@/components/jitter/jitter-header';
import { JitterLab } from '@/components/jitter/jitter-lab';

const TITLE = '抖动实验室 · Jitter lab';
const DESCRIPTION =
  '不加抖动的指数退避对比完全抖动、均等抖动和去相关抖动，还有课程的公式与重试预算：在浏览器里实时复现 Brooker 2015 的实验。' +
  ' Exponential backoff without jitter against full, equal and decorrelated jitter, the lesson’s formulas and a retry budget: Brooker’s herd experiment, live.';

// Icons, metadataBase and the social card image come from the root layout; the page's own
// openGraph/twitter objects replace the layout's, so they repeat the image.
export const metadata: Metadata = {
  title: TITLE,
  description: DESCRIPTION,
  alternates: { canonical: '/jitter' },
  openGraph: {
    type: 'website',
    url: '/jitter',
    siteName: 'LLM API 错误处理沙盒 · LLM API error-handling sandbox',
    title: TITLE,
    description: DESCRIPTION,
    locale: 'zh_CN',
    alternateLocale: ['en_US'],
    images: [{ url: '/og.png', width: 1200, height: 630, alt: 'LLM API 错误处理沙盒 · LLM API error-handling sandbox' }],
  },
  twitter: { card: 'summary_large_image', title: TITLE, description: DESCRIPTION, images: ['/og.png'] },
};

/**
 * `/jitter`: Brooker's backoff-and-jitter experiment, recomputed live in the
 * browser by lib/sim. A thin server shell (the root layout already picked the
 * language and theme); everything interactive lives in components/jitter/.
 */
export default function JitterPage() {
  return (
    <main className="mx-auto flex max-w-[110rem] flex-col gap-6 p-4 md:p-8">
      <JitterHeader />
      <JitterLab />
    </main>
  );
}
