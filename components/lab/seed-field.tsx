'use client';

import type { ReactNode } from 'react';
import { NumberField } from '@/components/ui/fields';
import { SEED_LIMITS } from './limits';

/**
 * The lab's base seed: a whole number in {@link SEED_LIMITS}, committed on blur
 * or Enter (so typing "12" runs once, not for "1" and then "12"). The same seed
 * always gives the same run.
 */
export function SeedField({ label, value, onCommit }: { label: ReactNode; value: number; onCommit: (seed: number) => void }) {
  return <NumberField label={label} value={value} min={SEED_LIMITS.min} max={SEED_LIMITS.max} step={1} integer onCommit={onCommit} data-testid="input-seed" />;
}
