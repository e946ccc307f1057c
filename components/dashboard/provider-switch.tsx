'use client';

import { useState } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { focusRing } from '@/components/ui/styles';
import { FAULT_INFO } from '@/lib/scenario/fault-catalogue';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '@/lib/scenario/providers';
import { EXAMPLE_FAULTS, providerRows, scenarioFaults, type Verdict } from './provider-rows';
import { useSandboxState } from './sandbox-provider';

const VERDICT_STYLE: Record<Verdict, string> = {
  retry: 'text-emerald-800 dark:text-emerald-300',
  slower: 'text-amber-800 dark:text-amber-300',
  never: 'text-orange-800 dark:text-orange-300',
};

/**
 * The provider switch: the session's scenario as each provider would send it
 * (status, code or type, message) and what a good client does about it, with
 * the lesson drawn out — the same fault has different statuses across
 * providers, and one provider's status can mean several different things.
 */
export function ProviderSwitch() {
  const { t, pick } = useI18n();
  const [provider, setProvider] = useState<ProviderId>('openai');
  const scenario = useSandboxState((s) => s.session?.scenario ?? null);
  const sessionId = useSandboxState((s) => s.session?.id ?? null);
  const faults = scenarioFaults(scenario);
  const own = providerRows(provider, faults);
  const rows = own.length > 0 ? own : providerRows(provider, EXAMPLE_FAULTS);
  const profile = PROVIDERS[provider];

  return (
    <section aria-labelledby="provider-title" className="flex flex-col gap-3" data-testid="provider-switch">
      <h3 id="provider-title" className="text-base font-semibold">
        {t('provider.title')}
      </h3>
      <p className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm dark:border-amber-400 dark:bg-amber-950" data-testid="provider-lesson">
        {t('provider.lesson')}
      </p>
      <div role="radiogroup" aria-label={t('provider.choose')} className="flex flex-wrap gap-1">
        {PROVIDER_IDS.map((id) => (
          <label key={id} className={`cursor-pointer rounded-lg border px-2.5 py-1 text-sm has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950 ${focusRing}`}>
            <input type="radio" name="provider-dialect" value={id} checked={provider === id} onChange={() => setProvider(id)} className="sr-only" />
            {PROVIDERS[id].name}
          </label>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {pick(profile.note)}{' '}
        <a className="underline" href={profile.docs.errors} target="_blank" rel="noreferrer">
          {t('provider.docs')}
        </a>
      </p>
      {sessionId ? (
        <p className="text-sm">
          {t('provider.baseUrl')}: <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">/api/sandbox/{sessionId}{profile.basePath}</code> · {t('provider.sdk')}: <code>{profile.sdk}</code>
        </p>
      ) : null}
      {own.length === 0 ? <p className="text-sm text-slate-500">{t('provider.noFaults')}</p> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="provider-table">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 pr-2">{t('provider.col.fault')}</th>
              <th scope="col" className="py-1 pr-2">{t('provider.col.status')}</th>
              <th scope="col" className="py-1 pr-2">{t('provider.col.code')}</th>
              <th scope="col" className="py-1">{t('provider.col.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.fault} className="border-b border-slate-100 align-top dark:border-slate-800" data-fault={row.fault}>
                <th scope="row" className="py-1.5 pr-2 font-medium">
                  {pick(FAULT_INFO[row.fault].label)}
                  <span className="block text-xs font-normal text-slate-500">{t(`provider.source.${row.error.source}`)}</span>
                </th>
                <td className="py-1.5 pr-2">
                  <span className="font-mono text-base font-bold" data-testid="provider-status">{row.error.status}</span>
                  <span className="block text-xs text-slate-500">
                    {t('provider.across', { statuses: PROVIDER_IDS.map((p) => `${PROVIDERS[p].name.split(' ')[0]} ${row.statuses[p]}`).join(' · ') })}
                  </span>
                </td>
                <td className="py-1.5 pr-2">
                  <code className="text-xs">{row.error.code ?? row.error.type}</code>
                  {/* The provider's own words, verbatim (program output, so <samp>: English on every page, as the API sends it). */}
                  <samp className="block max-w-[22rem] font-sans text-xs text-slate-600 dark:text-slate-400">{row.error.message}</samp>
                  {row.error.note ? <span className="block text-xs text-amber-800 dark:text-amber-300">{pick(row.error.note)}</span> : null}
                </td>
                <td className="py-1.5">
                  <span className={`font-semibold ${VERDICT_STYLE[row.verdict]}`}>{t(`provider.verdict.${row.verdict}`)}</span>
                  <span className="block text-xs text-slate-500">{t(`kind.${row.error.kind}`)}</span>
                  {row.alsoMeans.length > 0 ? (
                    <span className="block text-xs text-slate-500">
                      {t('provider.alsoMeans', { status: row.error.status, kinds: row.alsoMeans.map((k) => t(`kind.${k}`)).join(' / ') })}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
