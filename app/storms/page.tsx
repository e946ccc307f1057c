import type { Metadata } from 'next';
import { StormHeader } from '@/components/storms/storm-header';
import { StormLab } from '@/components/storms/storm-lab';

export const metadata: Metadata = {
  title: '重试风暴实验室 · Retry-storm lab',
  description:
    'Layered retries, retry budgets and the metastable failure that backoff alone does not fix: open-loop clients against an overloaded server, recomputed live in the browser.',
};

/**
 * `/storms`: the retry-storm model of lib/sim, recomputed live in the browser.
 * A thin server shell (the root layout already picked the language and theme);
 * everything interactive lives in components/storms/.
 */
export default function StormsPage() {
  return (
    <main className="mx-auto flex max-w-[110rem] flex-col gap-6 p-4 md:p-8">
      <StormHeader />
      <StormLab />
    </main>
  );
}
