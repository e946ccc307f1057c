'use client';

import { useId, useOptimistic, useState, useTransition, type ReactNode } from 'react';
import { inputClass, focusRing } from './styles';

/**
 * A change handler that may return the promise of the server's answer. While
 * it is pending the control shows the new value (React's `useOptimistic`),
 * so a checkbox does not flick back while the PUT is in flight.
 */
export type ChangeHandler<T> = (value: T) => void | Promise<unknown>;

/** The value to show: the optimistic one while `commit` is in flight, else the prop. */
function useCommitted<T>(value: T, handler: ChangeHandler<T>): [T, (next: T) => void] {
  const [shown, setShown] = useOptimistic(value);
  const [, startTransition] = useTransition();
  const commit = (next: T) =>
    startTransition(async () => {
      setShown(next);
      await handler(next);
    });
  return [shown, commit];
}

/** Round for display: at most 3 decimals, no trailing zeros. */
function show(value: number): string {
  return String(Number(value.toFixed(3)));
}

/** Props of {@link NumberField}. */
export interface NumberFieldProps {
  label: ReactNode;
  /** The value in the model's unit (e.g. ms). */
  value: number;
  /** Called with a valid value in the model's unit, on blur or Enter. */
  onCommit: ChangeHandler<number>;
  /**
   * Called with every valid value as it is typed (model unit), before any commit: for a local value
   * that a button next to the field uses, so a click sends what the field shows, committed or not.
   */
  onValue?: (value: number) => void;
  /** Bounds in the *displayed* unit. */
  min?: number;
  max?: number;
  step?: number;
  /** Model units per displayed unit, e.g. 1000 to edit ms as seconds. Default 1. */
  scale?: number;
  /** Round the model value to an integer. Default false. */
  integer?: boolean;
  disabled?: boolean;
  hint?: ReactNode;
  className?: string;
  'data-testid'?: string;
}

/**
 * A labelled number input that commits on blur or Enter, not on every key:
 * half-typed values such as "0." never reach the server, and a server update
 * never overwrites what the user is typing. Out-of-range input is marked
 * invalid and reverted on blur.
 */
export function NumberField({ label, value, onCommit, onValue, min, max, step, scale = 1, integer = false, disabled, hint, className = '', 'data-testid': testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [shown, send] = useCommitted(value, onCommit);
  const parsed = draft === null ? null : Number(draft);
  const isValid = (text: string) => {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max);
  };
  const invalid = draft !== null && !isValid(draft);

  const commit = () => {
    if (draft !== null && !invalid) {
      const next = integer ? Math.round(parsed! * scale) : parsed! * scale;
      if (next !== shown) send(next);
    } else if (draft !== null) onValue?.(shown); // reverted: a live listener goes back to the shown value
    setDraft(null);
  };

  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        className={inputClass}
        value={draft ?? show(shown / scale)}
        min={min}
        max={max}
        step={step ?? 'any'}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        data-testid={testId}
        onFocus={() => setDraft(show(shown / scale))}
        onChange={(e) => {
          setDraft(e.target.value);
          if (onValue && isValid(e.target.value)) onValue(integer ? Math.round(Number(e.target.value) * scale) : Number(e.target.value) * scale);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            onValue?.(shown);
          }
        }}
      />
      {hint ? <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

/** A labelled checkbox. */
export function CheckboxField({ label, checked, onChange, disabled, className = '' }: { label: ReactNode; checked: boolean; onChange: ChangeHandler<boolean>; disabled?: boolean; className?: string }) {
  const id = useId();
  const [shown, send] = useCommitted(checked, onChange);
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <input
        id={id}
        type="checkbox"
        className={`size-5 shrink-0 accent-sky-700 ${focusRing}`}
        checked={shown}
        disabled={disabled}
        onChange={(e) => send(e.target.checked)}
      />
      <label htmlFor={id} className="text-base">
        {label}
      </label>
    </div>
  );
}

/** A labelled native select (keyboard and screen-reader friendly for free). */
export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  className = '',
}: {
  label: ReactNode;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: ChangeHandler<V>;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const [shown, send] = useCommitted(value, onChange);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select id={id} className={inputClass} value={shown} disabled={disabled} onChange={(e) => send(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A titled group of controls (a fieldset, so the title labels the group for screen readers). */
export function FieldGroup({ legend, children, className = '' }: { legend: ReactNode; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`flex flex-col gap-3 border-t border-slate-200 pt-3 dark:border-slate-700 ${className}`}>
      <legend className="pr-2 text-base font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}
