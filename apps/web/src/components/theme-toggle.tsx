import { useState } from 'react';

/** Switches between light and dark; the choice is kept in localStorage (index.html applies it early). */
export function ThemeToggle() {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'));
  const toggle = (): void => {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    try {
      localStorage.setItem('ritmo-theme', next ? 'dark' : 'light');
    } catch {
      // Storage may be off (private windows): the toggle still works for this page.
    }
    setDark(next);
  };
  return (
    <button type="button" className="btn" onClick={toggle} aria-pressed={dark}>
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span>
      Dark mode
    </button>
  );
}
