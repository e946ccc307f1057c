'use client';

import { useState, useSyncExternalStore } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { ProviderBaseUrls } from './provider-base-urls';
import { useSandboxState } from './sandbox-provider';

const noSubscribe = () => () => {};

/** This page's origin in the browser, '' on the server (so server and first client render agree). */
function useOrigin(): string {
  return useSyncExternalStore(noSubscribe, () => window.location.origin, () => '');
}

/** Snippets for the student's own code, pointed at this session's fault endpoint. */
export function snippets(baseUrl: string): { python: string; js: string } {
  return {
    python: [
      'from openai import OpenAI',
      '',
      `client = OpenAI(base_url="${baseUrl}", api_key="sk-sandbox")`,
      'response = client.chat.completions.create(',
      '    model="gpt-4o-mini",',
      '    messages=[{"role": "user", "content": "什么是Python？"}],',
      ')',
      'print(response.choices[0].message.content)',
    ].join('\n'),
    js: [
      "import OpenAI from 'openai';",
      '',
      `const client = new OpenAI({ baseURL: '${baseUrl}', apiKey: 'sk-sandbox' });`,
      'const response = await client.chat.completions.create({',
      "  model: 'gpt-4o-mini',",
      "  messages: [{ role: 'user', content: '什么是Python？' }],",
      '});',
      'console.log(response.choices[0].message.content);',
    ].join('\n'),
  };
}

/** Copy text; falls back to a hidden textarea where the Clipboard API is unavailable (plain http on a LAN). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

function CopyButton({ text, what }: { text: string; what: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass('secondary')}
      aria-label={t('connect.copyLabel', { what })}
      onClick={async () => {
        if (await copyText(text)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }
      }}
    >
      {copied ? `✓ ${t('connect.copied')}` : t('connect.copy')}
    </button>
  );
}

/**
 * The base URL of this browser's session, for the student's own lesson code,
 * with copyable Python and JavaScript snippets.
 */
export function ConnectionBox() {
  const t = useT();
  const origin = useOrigin();
  const path = useSandboxState((s) => s.session?.baseUrlPath ?? null);
  const baseUrl = path && origin ? `${origin}${path}` : null;
  const code = baseUrl ? snippets(baseUrl) : null;

  return (
    <section aria-labelledby="connect-title" className={`${panelClass} flex flex-col gap-3`}>
      <h2 id="connect-title" className="text-xl font-bold">
        {t('connect.title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('connect.note')}</p>
      {!baseUrl || !code ? (
        <p className="text-slate-500">{t('connect.loading')}</p>
      ) : (
        <>
          <div className="flex flex-col gap-1">
            <span className="text-sm font-medium text-slate-700 dark:text-slate-300" id="connect-base-url">
              {t('connect.baseUrl')}
            </span>
            <div className="flex items-center gap-2">
              <code aria-labelledby="connect-base-url" className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 text-sm dark:bg-slate-800" data-testid="base-url">
                {baseUrl}
              </code>
              <CopyButton text={baseUrl} what={t('connect.baseUrl')} />
            </div>
          </div>
          {(['python', 'js'] as const).map((lang) => (
            <div key={lang} className="flex flex-col gap-1">
              <div className="flex items-center justify-between">
                <span className="text-sm font-medium text-slate-700 dark:text-slate-300">{t(`connect.${lang}`)}</span>
                <CopyButton text={code[lang]} what={t(`connect.${lang}`)} />
              </div>
              <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-sm text-slate-100 dark:bg-black" tabIndex={0} aria-label={t(`connect.${lang}`)}>
                <code>{code[lang]}</code>
              </pre>
            </div>
          ))}
          {path ? <ProviderBaseUrls origin={origin} sessionPath={path} /> : null}
        </>
      )}
    </section>
  );
}
