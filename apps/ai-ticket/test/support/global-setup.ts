import { buildService } from './service-process';

/** Builds `dist/` once per run, before any e2e file starts a real service process. */
export default function globalSetup(): void {
  buildService();
}
