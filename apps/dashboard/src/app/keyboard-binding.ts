/** Routes keydown events to actions through the pure shortcut mapping. */
import { shortcutFor, type ShortcutAction } from '../keyboard/shortcuts';

export type ShortcutHandlers = Record<ShortcutAction, () => void>;

export function bindShortcuts(handlers: ShortcutHandlers, overlayOpen: () => boolean): void {
  window.document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const action = shortcutFor(
      {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        altGraph: event.getModifierState('AltGraph'),
        isComposing: event.isComposing,
      },
      { target: target && { tagName: target.tagName, type: target.getAttribute('type') ?? undefined, isContentEditable: target.isContentEditable }, overlayOpen: overlayOpen() },
    );
    if (action === null) return;
    // Stop the browser's own use of the key (e.g. typing `?` into nothing, or scrolling).
    event.preventDefault();
    handlers[action]();
  });
}
