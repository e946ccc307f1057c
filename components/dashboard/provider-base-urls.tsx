'use client';

import { useI18n } from '@/components/i18n/i18n-provider';
import { PROVIDER_LIST } from '@/lib/scenario/providers';

/** Snippet for Anthropic's own SDK, which appends `/v1/messages` to the base URL itself. */
export function anthropicSnippet(baseUrl: string): string {
  return [
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    `const client = new Anthropic({ baseURL: '${baseUrl}', apiKey: 'sk-ant-sandbox', maxRetries: 0 });`,
    'const message = await client.messages.create({',
    "  model: 'claude-sonnet-4-5',",
    '  max_tokens: 512,',
    "  messages: [{ role: 'user', content: '什么是Python？' }],",
    '});',
  ].join('\n');
}

/**
 * The session's endpoint in every dialect (OpenAI, DeepSeek, Qwen, Anthropic)
 * and its local-model layer: the same faults, each in its provider's own words.
 */
export function ProviderBaseUrls({ origin, sessionPath }: { origin: string; sessionPath: string }) {
  const { t } = useI18n();
  // sessionPath is `/api/sandbox/{id}/v1`: the dialects hang off the scenario, not off `/v1`.
  const root = `${origin}${sessionPath.replace(/\/v1$/, '')}`;
  const rows = [...PROVIDER_LIST.map((p) => ({ id: p.id, name: p.name, url: `${root}${p.basePath}` })), { id: 'local', name: t('connect.local'), url: `${root}/local/v1` }];
  return (
    <div className="flex flex-col gap-1" data-testid="provider-base-urls">
      <span className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('connect.dialects')}</span>
      <p className="text-xs text-slate-500">{t('connect.dialectNote')}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map((r) => (
          <div key={r.id} className="contents">
            <dt className="font-medium">{r.name}</dt>
            <dd>
              <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800" data-testid={`base-url-${r.id}`}>
                {r.url}
              </code>
            </dd>
          </div>
        ))}
      </dl>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100 dark:bg-black" tabIndex={0} aria-label="Anthropic SDK">
        <code>{anthropicSnippet(`${root}/anthropic`)}</code>
      </pre>
    </div>
  );
}
