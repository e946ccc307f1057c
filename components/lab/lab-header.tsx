'use client';

import Link from 'next/link';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { buttonClass } from '@/components/ui/styles';

/**
 * A lab page's header: title, subtitle, its links (back to the dashboard, on to
 * another lab), and the language and theme switches (the root layout provides both contexts).
 */
export function LabHeader({ title, subtitle, links }: { title: string; subtitle: string; links: { href: string; label: string }[] }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4 dark:border-slate-700">
      <div className="min-w-0 max-w-4xl">
        <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-lg text-slate-600 dark:text-slate-400">{subtitle}</p>
      </div>
      <nav className="flex flex-wrap items-center gap-3">
        {links.map((l) => (
          <Link key={l.href} href={l.href} className={buttonClass('ghost')}>
            {l.label}
          </Link>
        ))}
        <LanguageSwitch className={buttonClass('secondary')} />
        <ThemeToggle className={buttonClass('secondary')} />
      </nav>
    </header>
  );
}
