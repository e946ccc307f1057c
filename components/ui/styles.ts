/**
 * Shared Tailwind class names for controls, so every button and input has the
 * same size (big enough for a projector and a touchpad) and a visible focus ring.
 */

/** Visible keyboard focus, on every interactive element. */
export const focusRing = 'focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400';

const base = `inline-flex items-center justify-center gap-1.5 rounded-lg px-3 py-1.5 text-base font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`;

/** Class names of a button: `primary` for the main action of a panel, `secondary` otherwise, `ghost` for icon-like ones. */
export function buttonClass(variant: 'primary' | 'secondary' | 'ghost' | 'danger' = 'secondary'): string {
  switch (variant) {
    case 'primary':
      return `${base} bg-sky-700 text-white hover:bg-sky-800 dark:bg-sky-600 dark:hover:bg-sky-500`;
    case 'danger':
      return `${base} border border-orange-700 text-orange-800 hover:bg-orange-50 dark:border-orange-400 dark:text-orange-300 dark:hover:bg-orange-950`;
    case 'ghost':
      return `${base} text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800`;
    default:
      return `${base} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700`;
  }
}

/** Class names of a text, number or select input. */
export const inputClass = `w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-base text-slate-900 aria-invalid:border-orange-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 ${focusRing}`;

/** A card around one panel. */
export const panelClass = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900';
