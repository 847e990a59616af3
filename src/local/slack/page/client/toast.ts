import { h } from './dom';

/** Shows a short notice in the corner (what went wrong with a request), gone after a few seconds. */
export function toast(text: string, kind: 'error' | 'info' = 'error'): void {
  const root = document.getElementById('toasts');
  if (!root) return;
  const note = h(
    'div',
    { class: `toast ${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } },
    text,
  );
  root.appendChild(note);
  window.setTimeout(() => note.remove(), 6_000);
}
