/** Remembers the Top clients window in localStorage, so the panel opens on the operator's last choice. */
import { parseUsageWindow, USAGE_WINDOW_KEY, type UsageWindow } from '../usage/usage-window';

// Storage can throw (disabled cookies, private mode, quota): the choice then lasts for the visit only.
export function loadUsageWindow(): UsageWindow {
  try {
    return parseUsageWindow(window.localStorage.getItem(USAGE_WINDOW_KEY));
  } catch {
    return parseUsageWindow(null);
  }
}

export function saveUsageWindow(choice: UsageWindow): void {
  try {
    window.localStorage.setItem(USAGE_WINDOW_KEY, choice);
  } catch {
    // Keep the in-memory choice.
  }
}
