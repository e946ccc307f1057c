'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useT } from '@/components/i18n/i18n-provider';
import { buttonClass } from '@/components/ui/styles';
import { PRESENT_VIEW } from './view';


/** The same address with the presenter view switched on or off, keeping every other query field. */
export function toggledViewHref(pathname: string, search: string, present: boolean): string {
  const q = new URLSearchParams(search);
  if (present) q.delete('view');
  else q.set('view', PRESENT_VIEW);
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}

/** Enter or leave the presenter view (also Alt+V). The live state stays: only the layout changes. */
export function ViewToggle({ present, className }: { present: boolean; className?: string }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  return (
    <button
      type="button"
      className={className ?? buttonClass('secondary')}
      data-shortcut="view"
      aria-keyshortcuts="Alt+V"
      aria-pressed={present}
      onClick={() => router.push(toggledViewHref(pathname, window.location.search, present), { scroll: false })}
    >
      <span aria-hidden="true">▣</span> {present ? t('present.exit') : t('present.enter')}
    </button>
  );
}
