'use client';

import { useSyncExternalStore } from 'react';
import { useI18n, useT } from '@/components/i18n/i18n-provider';
import { CopyButton } from '@/components/ui/copy-button';
import { panelClass } from '@/components/ui/styles';
import { ProviderBaseUrls } from './provider-base-urls';
import { useSandboxState } from './sandbox-provider';

const noSubscribe = () => () => {};

/** This page's origin in the browser, '' on the server (so server and first client render agree). */
function useOrigin(): string {
  return useSyncExternalStore(noSubscribe, () => window.location.origin, () => '');
}

/** Why the snippets switch the SDK's own retries off, in the page's language. */
const NO_SDK_RETRIES = {
  zh: '关掉 SDK 自带的重试（默认 2 次），你看到的才是自己的重试代码',
  en: 'the SDK retries twice by default; switch that off so you see your own retry code',
};

/**
 * Snippets for the student's own code, pointed at this session's fault endpoint,
 * with the SDK's own retries off (`max_retries=0` / `maxRetries: 0`), as the README says.
 */
export function snippets(baseUrl: string, lang: 'zh' | 'en' = 'zh'): { python: string; js: string } {
  return {
    python: [
      'from openai import OpenAI',
      '',
      `# max_retries=0${lang === 'zh' ? '：' : ': '}${NO_SDK_RETRIES[lang]}`,
      `client = OpenAI(base_url="${baseUrl}", api_key="sk-sandbox", max_retries=0)`,
      'response = client.chat.completions.create(',
      '    model="gpt-4o-mini",',
      '    messages=[{"role": "user", "content": "什么是Python？"}],',
      ')',
      'print(response.choices[0].message.content)',
    ].join('\n'),
    js: [
      "import OpenAI from 'openai';",
      '',
      `// maxRetries: 0${lang === 'zh' ? '：' : ': '}${NO_SDK_RETRIES[lang]}`,
      `const client = new OpenAI({ baseURL: '${baseUrl}', apiKey: 'sk-sandbox', maxRetries: 0 });`,
      'const response = await client.chat.completions.create({',
      "  model: 'gpt-4o-mini',",
      "  messages: [{ role: 'user', content: '什么是Python？' }],",
      '});',
      'console.log(response.choices[0].message.content);',
    ].join('\n'),
  };
}

function CopyButtonFor({ text, what }: { text: string; what: string }) {
  const t = useT();
  return <CopyButton text={text} label={t('connect.copy')} copied={t('connect.copied')} ariaLabel={t('connect.copyLabel', { what })} />;
}

/**
 * The base URL of this browser's session, for the student's own lesson code,
 * with copyable Python and JavaScript snippets.
 */
export function ConnectionBox() {
  const { t, locale } = useI18n();
  const origin = useOrigin();
  const path = useSandboxState((s) => s.session?.baseUrlPath ?? null);
  const baseUrl = path && origin ? `${origin}${path}` : null;
  const code = baseUrl ? snippets(baseUrl, locale === 'en' ? 'en' : 'zh') : null;

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
              <CopyButtonFor text={baseUrl} what={t('connect.baseUrl')} />
            </div>
          </div>
          {(['python', 'js'] as const).map((lang) => (
            <div key={lang} className="flex flex-col gap-1">
              <div className="flex items-center justify-between">
                <span className="text-sm font-medium text-slate-700 dark:text-slate-300">{t(`connect.${lang}`)}</span>
                <CopyButtonFor text={code[lang]} what={t(`connect.${lang}`)} />
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
