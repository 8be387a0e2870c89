import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart, renderNotes } from './support/helm';
import { describeWithK8sTools } from './support/k8s-tools';
import { findOne } from './support/manifests';
import { ROOT } from './support/paths';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.split('\n## Deploy on Kubernetes\n')[1]?.split('\n## ')[0] ?? '';
const commands = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1].replace(/\\\n\s*/g, '')).join('\n');

describe('README "Deploy on Kubernetes"', () => {
  it('should exist and show the Docker, Helm and Kustomize commands', () => {
    expect(commands).toContain('docker build -t ai-ticket .');
    expect(commands).toContain('helm install ai-ticket ./charts/ai-ticket');
    expect(commands).toContain('kubectl apply -k k8s/overlays/example');
  });

  it('should only name paths that exist', () => {
    for (const path of ['charts/ai-ticket', 'k8s/overlays/example', 'k8s/overlays/example/tokens', 'charts/ai-ticket/README.md', 'Dockerfile']) {
      expect(section).toContain(path);
      expect(existsSync(join(ROOT, path))).toBe(true);
    }
  });
});

describeWithK8sTools('README "Deploy on Kubernetes" against the chart', () => {
  const install = /helm install (\S+) \.\/charts\/ai-ticket --namespace (\S+) --create-namespace((?: --set \S+)*)/.exec(commands);

  it('should install with --set keys the chart accepts, and name the Secret and Service the chart creates', () => {
    expect(install).not.toBeNull();
    const [, release, namespace, sets] = install!;
    const values = Object.fromEntries([...sets.matchAll(/--set (\w+)\.(\w+)=(\S+)/g)].map(([, group, key, value]) => [group, { [key]: value }]));
    const objects = renderChart(values, [], release);
    expect(findOne(objects, 'ConfigMap').data.KOBOLDCPP_API_URL).toBe('http://koboldcpp.llm.svc.cluster.local:5001');
    const secret = findOne(objects, 'Secret').metadata.name;
    const service = findOne(objects, 'Service').metadata.name;
    expect(commands).toContain(`kubectl --namespace ${namespace} get secret ${secret} -o jsonpath='{.data.tokens}' | base64 -d`);
    expect(commands).toContain(`kubectl --namespace ${namespace} port-forward svc/${service} 5000:5000`);
    expect(commands).toContain(`helm test ${release} --namespace ${namespace}`);
  });

  it('should print the same port-forward and token lines in NOTES as the README shows', () => {
    const [, release, namespace] = install!;
    const notes = renderNotes({}, release, namespace);
    const portForward = /kubectl --namespace \S+ port-forward svc\/\S+ 5000:5000/.exec(notes)?.[0];
    const token = /kubectl --namespace \S+ get secret .*base64 -d/.exec(notes)?.[0];
    expect(commands).toContain(portForward);
    expect(commands).toContain(token);
  });
});
