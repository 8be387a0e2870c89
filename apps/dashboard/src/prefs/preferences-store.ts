/**
 * Applies theme and motion preferences to <html data-theme data-motion>, remembers explicit choices in
 * localStorage, and keeps following the operating system for settings the operator never changed.
 */
import { parseStoredPreferences, PREFERENCES_KEY, resolvePreferences, toggled, type Preferences, type StoredPreferences } from './preferences';

const DARK = '(prefers-color-scheme: dark)';
const REDUCED = '(prefers-reduced-motion: reduce)';

export class PreferencesStore {
  private stored: StoredPreferences = parseStoredPreferences(readStorage());
  private current: Preferences = this.resolve();
  private readonly listeners: ((prefs: Preferences) => void)[] = [];

  constructor() {
    this.apply();
    for (const query of [DARK, REDUCED]) window.matchMedia(query).addEventListener('change', () => this.refresh());
  }

  get preferences(): Preferences {
    return this.current;
  }

  onChange(listener: (prefs: Preferences) => void): void {
    this.listeners.push(listener);
  }

  toggle(setting: keyof Preferences): void {
    this.stored = toggled(this.stored, this.current, setting);
    writeStorage(JSON.stringify(this.stored));
    this.refresh();
  }

  private refresh(): void {
    const next = this.resolve();
    if (next.theme === this.current.theme && next.motion === this.current.motion) return;
    this.current = next;
    this.apply();
    for (const listener of this.listeners) listener(next);
  }

  private resolve(): Preferences {
    return resolvePreferences(this.stored, { prefersDark: window.matchMedia(DARK).matches, prefersReducedMotion: window.matchMedia(REDUCED).matches });
  }

  private apply(): void {
    const root = window.document.documentElement;
    root.dataset.theme = this.current.theme;
    root.dataset.motion = this.current.motion;
  }
}

// Storage can throw (disabled cookies, private mode, quota): preferences then last for the visit only.
function readStorage(): string | null {
  try {
    return window.localStorage.getItem(PREFERENCES_KEY);
  } catch {
    return null;
  }
}

function writeStorage(value: string): void {
  try {
    window.localStorage.setItem(PREFERENCES_KEY, value);
  } catch {
    // Keep the in-memory choice.
  }
}
