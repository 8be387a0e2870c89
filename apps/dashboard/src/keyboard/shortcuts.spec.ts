import { isTypingTarget, shortcutFor, SHORTCUTS, type KeyPress, type ShortcutContext } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...extra });
const page: ShortcutContext = { target: { tagName: 'BODY' }, overlayOpen: false };

describe(shortcutFor.name, () => {
  describe('on the page', () => {
    it('should map every documented key to its action', () => {
      const keys = ['?', 'r', '[', ']', 'l', 'p', 't'];
      expect(keys.map((key) => shortcutFor(press(key), page))).toEqual(['help', 'refresh', 'history-back', 'history-forward', 'live', 'pause', 'theme']);
    });

    it('should accept ? typed with Shift, whatever the physical key', () => {
      expect(shortcutFor(press('?', { shiftKey: true }), page)).toBe('help');
    });

    it('should accept upper-case letters from Caps Lock', () => {
      expect(shortcutFor(press('R'), page)).toBe('refresh');
    });

    it('should ignore unrelated keys and Escape', () => {
      expect(shortcutFor(press('x'), page)).toBeNull();
      expect(shortcutFor(press('Escape'), page)).toBeNull();
    });
  });

  describe('with modifiers', () => {
    it('should not fire with Ctrl, Meta or Alt (browser and OS shortcuts)', () => {
      expect(shortcutFor(press('r', { ctrlKey: true }), page)).toBeNull();
      expect(shortcutFor(press('r', { metaKey: true }), page)).toBeNull();
      expect(shortcutFor(press('t', { altKey: true }), page)).toBeNull();
    });

    it('should fire for a character typed with AltGr, which Windows reports as Ctrl+Alt', () => {
      expect(shortcutFor(press('[', { ctrlKey: true, altKey: true, altGraph: true }), page)).toBe('history-back');
    });

    it('should ignore keys that belong to an IME composition', () => {
      expect(shortcutFor(press('p', { isComposing: true }), page)).toBeNull();
    });
  });

  describe('while typing', () => {
    it('should ignore shortcuts in the token field', () => {
      expect(shortcutFor(press('r'), { target: { tagName: 'INPUT', type: 'password' }, overlayOpen: false })).toBeNull();
    });

    it('should still work on the history slider', () => {
      expect(shortcutFor(press(']'), { target: { tagName: 'INPUT', type: 'range' }, overlayOpen: false })).toBe('history-forward');
    });
  });

  describe('while the help overlay is open', () => {
    const open: ShortcutContext = { ...page, overlayOpen: true };

    it('should close it on Escape or ?', () => {
      expect(shortcutFor(press('Escape'), open)).toBe('close');
      expect(shortcutFor(press('?'), open)).toBe('close');
    });

    it('should not act on the page behind it', () => {
      expect(shortcutFor(press('r'), open)).toBeNull();
    });
  });
});

describe(isTypingTarget.name, () => {
  it('should tell text fields from other controls', () => {
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('SHORTCUTS', () => {
  it('should document every action the mapping can return', () => {
    const documented = new Set(SHORTCUTS.map((s) => s.action));
    expect([...documented].sort()).toEqual(['close', 'help', 'history-back', 'history-forward', 'live', 'pause', 'refresh', 'theme']);
  });
});
