import { apiUrl, pageDirectory } from './urls';

describe(pageDirectory.name, () => {
  it('should keep a directory URL as it is', () => {
    expect(pageDirectory('https://ops.example/ai-ticket/dashboard/').href).toBe('https://ops.example/ai-ticket/dashboard/');
  });

  it('should drop the file name, query and fragment', () => {
    expect(pageDirectory('https://ops.example/dashboard/index.html?x=1#top').href).toBe('https://ops.example/dashboard/');
  });

  it('should treat a last segment without a dot as a directory', () => {
    expect(pageDirectory('https://ops.example/ai-ticket/dashboard').href).toBe('https://ops.example/ai-ticket/dashboard/');
  });
});

describe(apiUrl.name, () => {
  describe('when the dashboard is served at the root', () => {
    it('should resolve the summary next to the dashboard directory', () => {
      expect(apiUrl('summary', 'http://127.0.0.1:5000/dashboard/')).toBe('http://127.0.0.1:5000/api/metrics/summary');
    });
  });

  describe('when the dashboard is served under an ingress prefix', () => {
    it('should keep the prefix for every endpoint', () => {
      const page = 'https://ops.example/ai-ticket/dashboard/';
      expect(apiUrl('session', page)).toBe('https://ops.example/ai-ticket/api/session');
      expect(apiUrl('summary', page)).toBe('https://ops.example/ai-ticket/api/metrics/summary');
      expect(apiUrl('stream', page)).toBe('https://ops.example/ai-ticket/api/metrics/stream');
    });

    it('should keep the prefix when the trailing slash is missing', () => {
      expect(apiUrl('stream', 'https://ops.example/ai-ticket/dashboard?tab=1')).toBe('https://ops.example/ai-ticket/api/metrics/stream');
    });
  });

  describe('when reached through a port-forward', () => {
    it('should stay on the forwarded host and port', () => {
      expect(apiUrl('session', 'http://localhost:8080/dashboard/index.html')).toBe('http://localhost:8080/api/session');
    });
  });
});
