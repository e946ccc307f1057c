import type { Metadata } from 'next';
import { JitterHeader } from '@/components/jitter/jitter-header';
import { JitterLab } from '@/components/jitter/jitter-lab';

export const metadata: Metadata = {
  title: '抖动实验室 · Jitter lab',
  description: 'Exponential backoff without jitter against full, equal and decorrelated jitter, the lesson’s formulas and a retry budget: Brooker’s herd experiment, live.',
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
