import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';
import { CHART_DIR } from '../../../test/packaging/support/paths';

function tokenFile(values: object = {}): string {
  const secret = findOne(renderChart(values), 'Secret', `${FULLNAME}-tokens`);
  return Buffer.from(secret.data.tokens, 'base64').toString('utf8');
}

describeWithK8sTools('templates/secret.yaml', () => {
  it('should write auth.tokens as name=token and name=sha256:<hex> lines', () => {
    const hash = 'AB'.repeat(32);
    const sut = tokenFile({ auth: { tokens: [{ name: 'ci', token: 'ci-token-0123456789abcdef' }, { name: 'batch', sha256: hash }] } });
    expect(sut).toBe(`ci=ci-token-0123456789abcdef\nbatch=sha256:${hash.toLowerCase()}\n`);
  });

  it('should end a token line with budget=N when its auth.tokens entry has a budget', () => {
    const hash = 'cd'.repeat(32);
    const sut = tokenFile({
      auth: { tokens: [{ name: 'ci', token: 'ci-token-0123456789abcdef', budget: 200000 }, { name: 'batch', sha256: hash, budget: 999999999999999 }, { name: 'admin', token: 'admin-token-0123456789ab' }] },
    });
    expect(sut).toBe(`ci=ci-token-0123456789abcdef budget=200000\nbatch=sha256:${hash} budget=999999999999999\nadmin=admin-token-0123456789ab\n`);
  });

  it('should generate one random token when neither auth.existingSecret nor auth.tokens is set', () => {
    const lines = tokenFile()
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^generated=[A-Za-z0-9]{48}$/);
  });

  it('should look the generated token up in the cluster, so upgrades keep it', () => {
    // `helm template` has no cluster, so lookup is empty there; the template must still ask for the existing Secret.
    const template = readFileSync(join(CHART_DIR, 'templates/secret.yaml'), 'utf8');
    expect(template).toMatch(/lookup "v1" "Secret" \$namespace \$name/);
  });

  it('should not render the token Secret when auth.existingSecret is set', () => {
    const secrets = findAll(renderChart({ auth: { existingSecret: 'mine' } }), 'Secret');
    expect(secrets.map((s) => s.metadata.name)).not.toContain(`${FULLNAME}-tokens`);
  });

  it('should name the key after auth.existingSecretKey', () => {
    const secret = findOne(renderChart({ auth: { existingSecretKey: 'api-tokens' } }), 'Secret', `${FULLNAME}-tokens`);
    expect(Object.keys(secret.data)).toEqual(['api-tokens']);
  });
});
