'use client';

import { LabHeader } from '@/components/lab/lab-header';
import { useJitterT } from './use-jitter-t';

/** The jitter lab's header: the way back to the dashboard. */
export function JitterHeader() {
  const { t } = useJitterT();
  return <LabHeader title={t('page.title')} subtitle={t('page.subtitle')} links={[{ href: '/', label: t('page.back') }]} />;
}
