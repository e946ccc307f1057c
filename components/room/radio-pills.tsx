'use client';

import { useState } from 'react';

/** One option of {@link RadioPills}. */
export interface PillOption<V extends string | number> {
  value: V;
  label: string;
}

/**
 * A row of radio buttons drawn as pills (the dashboard's speed picker, for the
 * room pages): native radios under each label, so keyboard and screen readers
 * work, and a visible focus ring. The clicked option shows at once; the server's answer confirms it.
 */
export function RadioPills<V extends string | number>({
  label,
  name,
  value,
  options,
  onChange,
  disabled,
  large = false,
}: {
  label: string;
  name: string;
  value: V;
  options: readonly PillOption<V>[];
  /** May return the promise of the server's answer: until it settles, the clicked option shows as chosen. */
  onChange: (value: V) => void | Promise<unknown>;
  disabled?: boolean;
  large?: boolean;
}) {
  const [pending, setPending] = useState<V | null>(null);
  const shown = pending ?? value;
  const choose = async (next: V) => {
    setPending(next);
    try {
      await onChange(next);
    } finally {
      setPending(null);
    }
  };
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-wrap items-center gap-1">
      <span className={`mr-2 ${large ? 'text-lg' : 'text-base'} font-medium text-slate-700 dark:text-slate-300`} aria-hidden="true">
        {label}
      </span>
      {options.map((o) => (
        <label
          key={o.value}
          className={`relative cursor-pointer rounded-lg border border-slate-300 px-3 py-1.5 ${large ? 'text-lg' : 'text-base'} has-[:checked]:border-sky-700 has-[:checked]:bg-sky-700 has-[:checked]:text-white has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-600 dark:border-slate-600 dark:has-[:checked]:bg-sky-600`}
        >
          <input type="radio" name={name} className="absolute inset-0 cursor-pointer appearance-none opacity-0" value={o.value} checked={shown === o.value} disabled={disabled} onChange={() => void choose(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
