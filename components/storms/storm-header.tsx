'use client';

import { LabHeader } from '@/components/lab/lab-header';
import { useStormT } from './use-storm-t';

/** The storm lab's header: the ways back to the dashboard and on to the jitter lab. */
export function StormHeader() {
  const { t } = useStormT();
  return <LabHeader title={t('page.title')} subtitle={t('page.subtitle')} links={[{ href: '/', label: t('page.back') }, { href: '/jitter', label: t('page.jitter') }]} />;
}
