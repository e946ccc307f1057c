'use client';

import { useState } from 'react';
import { buttonClass } from './styles';

/** Copy text; falls back to a hidden textarea where the Clipboard API is unavailable (plain http on a LAN). */
export async function copyText(text: string): Promise<boolean> {
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

/**
 * A button that copies `text` (or what `text()` returns at click time) and says so for two seconds.
 * `label` is the visible text, `copied` the confirmation, `ariaLabel` names what is copied.
 */
export function CopyButton({ text, label, copied, ariaLabel, className, 'data-testid': testId }: { text: string | (() => string); label: string; copied: string; ariaLabel?: string; className?: string; 'data-testid'?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className={className ?? buttonClass('secondary')}
      aria-label={ariaLabel}
      data-testid={testId}
      onClick={async () => {
        if (await copyText(typeof text === 'function' ? text() : text)) {
          setDone(true);
          setTimeout(() => setDone(false), 2000);
        }
      }}
    >
      {done ? `✓ ${copied}` : label}
    </button>
  );
}
