/**
 * How remote carets look: a coloured bar with a name label whose text colour is chosen for
 * contrast. Runs in the browser only (CollaborationCaret calls it when rendering).
 */
import { textColorOn } from '../collab/presence.ts';

/** Renders a remote caret for CollaborationCaret's `render` option. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#1f5fa8';
  const name = typeof user.name === 'string' ? user.name : '?';
  const organization = typeof user.organization === 'string' ? user.organization : '';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  label.textContent = name;
  if (organization) label.title = `${name} · ${organization}`;
  caret.append(label);
  return caret;
}
