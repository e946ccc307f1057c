'use client';

import { useSyncExternalStore } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { CopyButton } from '@/components/ui/copy-button';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { encodeReplay } from '@/lib/contract';
import { api } from './api';
import { useSandboxState } from './sandbox-provider';

const noSubscribe = () => () => {};

/**
 * The run as a link and as files: a replay link (preset or script, policy,
 * seed, speed: short and readable) to copy, and this build's events as CSV or
 * JSON (downloaded from the server, in sandbox time).
 */
export function ReplayExportPanel() {
  const t = useT();
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => '');
  const session = useSandboxState((s) => s.session);
  const script = useSandboxState((s) => s.script);
  const query = session ? encodeReplay({ presetId: session.presetId, script: script?.id ?? null, seed: session.scenario.seed, speed: session.speed, policy: session.policy }) : '';
  const link = origin && query ? `${origin}/?${query}` : '';
  return (
    <section aria-labelledby="replay-title" className={`${panelClass} flex flex-col gap-3`}>
      <h2 id="replay-title" className="text-xl font-bold">
        {t('replay.title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('replay.note')}</p>
      <code className="break-all rounded bg-slate-100 px-2 py-1.5 text-sm dark:bg-slate-800" data-testid="replay-link">
        {link || '…'}
      </code>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={link} label={t('replay.copy')} copied={t('replay.copied')} data-testid="copy-replay" />
        <a className={buttonClass('secondary')} href={api.exportUrl('csv')} download data-testid="export-csv">
          ⇩ {t('export.csv')}
        </a>
        <a className={buttonClass('secondary')} href={api.exportUrl('json')} download data-testid="export-json">
          ⇩ {t('export.json')}
        </a>
      </div>
    </section>
  );
}
