/**
 * Theme and motion preferences. Until the operator chooses, they follow the operating system
 * (`prefers-color-scheme`, `prefers-reduced-motion`); a choice is stored and wins from then on.
 * Only explicit choices are stored, so an untouched setting keeps following the system.
 */

export type Theme = 'light' | 'dark';
export type Motion = 'full' | 'reduced';

export interface StoredPreferences {
  theme?: Theme;
  motion?: Motion;
}

export interface SystemPreferences {
  prefersDark: boolean;
  prefersReducedMotion: boolean;
}

export interface Preferences {
  theme: Theme;
  motion: Motion;
}

export const PREFERENCES_KEY = 'ai-ticket.dashboard.preferences';

/** Reads what localStorage held; anything unreadable or unknown is ignored rather than trusted. */
export function parseStoredPreferences(raw: string | null): StoredPreferences {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const { theme, motion } = value as Record<string, unknown>;
  const out: StoredPreferences = {};
  if (theme === 'light' || theme === 'dark') out.theme = theme;
  if (motion === 'full' || motion === 'reduced') out.motion = motion;
  return out;
}

export function resolvePreferences(stored: StoredPreferences, system: SystemPreferences): Preferences {
  return {
    theme: stored.theme ?? (system.prefersDark ? 'dark' : 'light'),
    motion: stored.motion ?? (system.prefersReducedMotion ? 'reduced' : 'full'),
  };
}

/** The stored preferences after the operator flips one setting away from what is shown now. */
export function toggled(stored: StoredPreferences, current: Preferences, setting: keyof Preferences): StoredPreferences {
  if (setting === 'theme') return { ...stored, theme: current.theme === 'dark' ? 'light' : 'dark' };
  return { ...stored, motion: current.motion === 'reduced' ? 'full' : 'reduced' };
}
