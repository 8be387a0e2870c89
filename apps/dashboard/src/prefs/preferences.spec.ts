import { parseStoredPreferences, resolvePreferences, toggled } from './preferences';

describe(parseStoredPreferences.name, () => {
  it('should read valid stored choices', () => {
    expect(parseStoredPreferences('{"theme":"dark","motion":"reduced"}')).toEqual({ theme: 'dark', motion: 'reduced' });
  });

  it('should drop unknown values and keep the valid ones', () => {
    expect(parseStoredPreferences('{"theme":"purple","motion":"full"}')).toEqual({ motion: 'full' });
  });

  it('should treat missing, corrupt or non-object values as no choice', () => {
    expect(parseStoredPreferences(null)).toEqual({});
    expect(parseStoredPreferences('{oops')).toEqual({});
    expect(parseStoredPreferences('"dark"')).toEqual({});
  });
});

describe(resolvePreferences.name, () => {
  describe('without stored choices', () => {
    it('should follow the system settings', () => {
      expect(resolvePreferences({}, { prefersDark: true, prefersReducedMotion: true })).toEqual({ theme: 'dark', motion: 'reduced' });
      expect(resolvePreferences({}, { prefersDark: false, prefersReducedMotion: false })).toEqual({ theme: 'light', motion: 'full' });
    });
  });

  describe('with stored choices', () => {
    it('should let each stored choice override the system', () => {
      expect(resolvePreferences({ theme: 'light' }, { prefersDark: true, prefersReducedMotion: true })).toEqual({ theme: 'light', motion: 'reduced' });
    });
  });
});

describe(toggled.name, () => {
  it('should store the opposite of the theme on screen, keeping other choices', () => {
    expect(toggled({ motion: 'full' }, { theme: 'dark', motion: 'full' }, 'theme')).toEqual({ motion: 'full', theme: 'light' });
  });

  it('should store the opposite motion setting', () => {
    expect(toggled({}, { theme: 'light', motion: 'full' }, 'motion')).toEqual({ motion: 'reduced' });
  });
});
