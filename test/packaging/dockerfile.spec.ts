import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PRODUCTION_NODE_ARGS, PRODUCTION_NODE_OPTIONS } from '../../bench/production-node-options';
import { dockerIgnoreMatcher, envOf, execForm, instructions, readDockerfile, stage } from './support/dockerfile';
import { CHART_DIR, ROOT } from './support/paths';

const dockerfile = readDockerfile();
const runtime = stage(dockerfile, 'runtime');
const chartValues = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8'));
const ignored = dockerIgnoreMatcher(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
const runs = (name: string) => instructions(stage(dockerfile, name), 'RUN').map((i) => i.value);

describe('Dockerfile', () => {
  describe('stages', () => {
    it('should build in base, build and prod-deps stages and end with the runtime stage', () => {
      expect(dockerfile.stages.map((s) => s.name)).toEqual(['base', 'build', 'prod-deps', 'runtime']);
      expect(dockerfile.stages.map((s) => s.from)).toEqual(['${NODE_IMAGE}', 'base', 'base', 'base']);
    });

    it('should start from a slim Node 24 LTS image pinned to its major version', () => {
      expect(dockerfile.globalArgs.NODE_IMAGE).toMatch(/^node:24-[a-z]+-slim$/);
    });

    it('should build with all dependencies but no install script, then run npm run build', () => {
      expect(runs('build')).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build']);
    });

    it('should install production dependencies with npm ci --omit=dev where the sqlite3 toolchain is installed, then prune them', () => {
      const prodDeps = runs('prod-deps');
      expect(prodDeps.some((run) => /apt-get install .*python3 make g\+\+/.test(run))).toBe(true);
      expect(prodDeps.slice(-2)).toEqual(['npm ci --omit=dev --omit=optional --no-audit --no-fund', 'node scripts/prune-node-modules.mjs node_modules']);
    });

    it('should copy node_modules from prod-deps and dist from build into the runtime, installing no compiler', () => {
      const copies = instructions(runtime, 'COPY').map((i) => `${i.flags.from ?? 'context'}: ${i.value}`);
      expect(copies).toEqual([
        'prod-deps: /app/node_modules node_modules',
        'build: /app/dist/apps dist/apps',
        'build: /app/dist/libs dist/libs',
        'build: /app/dist/dashboard dist/dashboard',
        'context: package.json ./',
      ]);
      expect(runs('runtime').join('\n')).not.toMatch(/g\+\+|make|python3|npm ci/);
    });

    it('should leave no apt lists, apt cache or npm cache in the runtime layer', () => {
      const run = runs('runtime')[0].replace(/\s+/g, ' ');
      expect(run).toContain('apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*');
      expect(run).toMatch(/rm -rf [^&]* \/root\/\.npm /);
    });
  });

  describe('runtime', () => {
    it('should run as a numeric non-root user, the UID the chart runs as', () => {
      const [user] = instructions(runtime, 'USER').map((i) => i.value);
      expect(user).toMatch(/^\d+:\d+$/);
      const [uid, gid] = user.split(':').map(Number);
      expect(uid).toBeGreaterThan(0);
      expect(chartValues.podSecurityContext).toMatchObject({ runAsUser: uid, runAsGroup: gid, fsGroup: gid });
      expect(chartValues.containerSecurityContext).toMatchObject({ runAsUser: uid, runAsGroup: gid });
    });

    it('should expose PORT, which is the chart containerPort', () => {
      const env = envOf(runtime);
      expect(instructions(runtime, 'EXPOSE').map((i) => i.value)).toEqual([env.PORT]);
      expect(Number(env.PORT)).toBe(chartValues.containerPort);
      expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    });

    it('should set the NODE_OPTIONS the chart, k8s/ and the bench run with', () => {
      const k8sEnv = readFileSync(join(ROOT, 'k8s/base/config.env'), 'utf8');
      expect(envOf(runtime).NODE_OPTIONS).toBe(PRODUCTION_NODE_OPTIONS);
      expect(chartValues.config.nodeOptions).toBe(PRODUCTION_NODE_OPTIONS);
      expect(k8sEnv.split('\n')).toContain(`NODE_OPTIONS=${PRODUCTION_NODE_OPTIONS}`);
    });

    it('should check /healthz with node in HEALTHCHECK (slim images have no curl)', () => {
      const [healthcheck] = instructions(runtime, 'HEALTHCHECK');
      const command = execForm(healthcheck.value);
      expect(command.slice(0, 2)).toEqual(['node', '-e']);
      expect(command[2]).toContain("'/healthz'");
      expect(healthcheck.value).not.toMatch(/curl|wget/);
    });

    it('should run node under tini, so SIGTERM reaches the service and it drains', () => {
      expect(execForm(instructions(runtime, 'ENTRYPOINT')[0].value)).toEqual(['/usr/bin/tini', '--']);
      expect(runs('runtime')[0]).toMatch(/apt-get install -y --no-install-recommends tini/);
    });

    it('should start the file that the Nest build writes, with the node flags the bench runs the service with', () => {
      const cmd = execForm(instructions(runtime, 'CMD')[0].value);
      expect(cmd[0]).toBe('node');
      expect(cmd.slice(1, -1)).toEqual(PRODUCTION_NODE_ARGS);
      // nest-cli: sourceRoot apps/ai-ticket/src, entryFile main; tsconfig.app.json: rootDir ../.., outDir ../../dist.
      const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8'));
      const app = JSON.parse(readFileSync(join(ROOT, 'apps/ai-ticket/tsconfig.app.json'), 'utf8'));
      expect(app.compilerOptions).toMatchObject({ rootDir: '../..', outDir: '../../dist' });
      expect(cmd.at(-1)).toBe(`dist/${nest.projects['ai-ticket'].sourceRoot}/${nest.projects['ai-ticket'].entryFile}.js`);
    });

    it('should give `npm start` (through start:prod) the node flags of the image', () => {
      const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
      const cmd = execForm(instructions(runtime, 'CMD')[0].value);
      expect(scripts['start:prod']).toBe(`scripts/with-node.sh ${cmd.join(' ')}`);
      expect(scripts.start).toBe('npm run build && npm run start:prod');
    });

    it('should make /app the working directory, with /app/data and /tmp as volumes for a read-only root filesystem', () => {
      expect(instructions(stage(dockerfile, 'base'), 'WORKDIR').map((i) => i.value)).toEqual(['/app']);
      expect(execForm(instructions(runtime, 'VOLUME')[0].value)).toEqual(['/app/data', '/tmp']);
      expect(chartValues.persistence.mountPath).toBe('/app/data');
      expect(runs('runtime')[0]).toContain('chown 10001:10001 /app/data');
    });
  });

  describe('.dockerignore', () => {
    it('should send every path the Dockerfile copies from the build context', () => {
      const sources = dockerfile.stages
        .flatMap((s) => instructions(s, 'COPY'))
        .filter((i) => !i.flags.from)
        .flatMap((i) => i.value.split(/\s+/).slice(0, -1));
      expect(sources.length).toBeGreaterThan(5);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source))).toBe(true);
        expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
      }
      expect(ignored('apps/ai-ticket/src/main.ts')).toBe(false);
      expect(ignored('libs/config/src/index.ts')).toBe(false);
    });

    it('should keep local state, secrets and tests out of the build context', () => {
      for (const path of ['node_modules/jest/package.json', 'dist/apps/ai-ticket/src/main.js', '.git/HEAD', '.tools/node/bin/node', 'data/rate-limit.sqlite', '.env', 'test-output/x.png', 'apps/ai-ticket/test/auth.e2e-spec.ts', 'apps/ai-ticket/src/auth/auth.guard.spec.ts', 'libs/testing/src/index.ts', 'charts/ai-ticket/values.yaml', 'apps/dashboard/node_modules/x.js']) {
        expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
      }
    });
  });
});
