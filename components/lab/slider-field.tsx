'use client';

import { useId, type ReactNode } from 'react';
import { focusRing } from '@/components/ui/styles';
import type { RangeLimits } from './limits';

/** Props of {@link SliderField}. */
export interface SliderFieldProps {
  label: ReactNode;
  /** The value, in the control's unit. */
  value: number;
  limits: RangeLimits;
  onChange: (value: number) => void;
  /** The value as shown (with its unit); also the slider's `aria-valuetext`. */
  display: string;
  disabled?: boolean;
  /** `data-testid` of the range input; its shown value gets `${testId}-value`. */
  testId: string;
}

/**
 * A labelled range input with its current value beside the label. The label is
 * a real <label>, so screen readers and Playwright find it by role and name
 * (`getByRole('slider', { name })`); the keyboard works as on any range input
 * (arrows, Page Up/Down, Home/End).
 */
export function SliderField({ label, value, limits, onChange, display, disabled, testId }: SliderFieldProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-base font-medium">
          {label}
        </label>
        <output htmlFor={id} className="text-lg font-semibold tabular-nums" data-testid={`${testId}-value`}>
          {display}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={limits.min}
        max={limits.max}
        step={limits.step}
        value={value}
        disabled={disabled}
        aria-valuetext={display}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.target.value))}
        className={`h-8 w-full cursor-pointer accent-sky-700 disabled:cursor-not-allowed disabled:opacity-50 dark:accent-sky-400 ${focusRing}`}
      />
    </div>
  );
}
