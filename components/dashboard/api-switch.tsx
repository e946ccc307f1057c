'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { FieldGroup } from '@/components/ui/fields';
import { focusRing } from '@/components/ui/styles';
import { API_IDS, type ApiId } from '@/lib/contract';
import { useSandbox, useSandboxState } from './sandbox-provider';

/**
 * The policy's "API" switch: whether the sandbox's own service calls the
 * primary through Chat Completions (the lesson's) or the Responses API, whose
 * streams end in typed events the service checks one by one.
 */
export function ApiSwitch() {
  const t = useT();
  const { actions } = useSandbox();
  const api = useSandboxState((s) => s.session?.policy.api ?? 'chat.completions');
  // The radio moves at once; the server's answer confirms it (or the error banner explains).
  const [pending, setPending] = useState<ApiId | null>(null);
  const choose = async (id: ApiId) => {
    setPending(id);
    await actions.updatePolicy({ api: id });
    setPending(null);
  };
  const label: Record<ApiId, string> = { 'chat.completions': t('api.chat'), responses: t('api.responses') };
  return (
    <div data-testid="api-switch">
      <FieldGroup legend={t('api.title')}>
        <div className="flex flex-wrap gap-3">
          {API_IDS.map((id) => (
            <label key={id} className="flex items-center gap-1.5 text-sm">
              <input type="radio" name="policy-api" value={id} checked={(pending ?? api) === id} onChange={() => void choose(id)} className={`size-4 accent-sky-700 ${focusRing}`} />
              <code>{label[id]}</code>
            </label>
          ))}
        </div>
        <p className="text-xs text-slate-500">{t('api.hint')}</p>
      </FieldGroup>
    </div>
  );
}
