import { join } from 'node:path';
import { FULLNAME, NAMESPACE, renderNotes } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { CHART_CI_DIR } from '../../../test/packaging/support/paths';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const ciValues = (name: string) => parse(readFileSync(join(CHART_CI_DIR, name), 'utf8')) as object;

describeWithK8sTools('templates/NOTES.txt', () => {
  it('should print the in-cluster URL and the port-forward line for the dashboard', () => {
    const sut = renderNotes();
    expect(sut).toContain(`http://${FULLNAME}.${NAMESPACE}.svc.cluster.local:5000`);
    expect(sut).toContain(`kubectl --namespace ${NAMESPACE} port-forward svc/${FULLNAME} 5000:5000`);
    expect(sut).toContain('http://localhost:5000/dashboard/');
  });

  it('should give OpenAI SDKs the /v1 base URL, in the cluster and through each ingress host', () => {
    expect(renderNotes()).toContain(`base URL http://${FULLNAME}.${NAMESPACE}.svc.cluster.local:5000/v1`);
    expect(renderNotes()).toContain('http://localhost:5000/v1/chat/completions');
    expect(renderNotes(ciValues('ingress-tls-values.yaml'))).toContain('(OpenAI base URL: https://ai-ticket.example.com/v1)');
  });

  it('should say how to read the generated token when no tokens are given', () => {
    expect(renderNotes()).toContain(`kubectl --namespace ${NAMESPACE} get secret ${FULLNAME}-tokens -o jsonpath='{.data.tokens}' | base64 -d`);
  });

  it('should warn about SQLite on a network volume when pods share it', () => {
    const sut = renderNotes(ciValues('sqlite-persistence-values.yaml'));
    expect(sut).toContain('WARNING: SQLite on a shared (ReadWriteMany) volume');
    expect(sut).toContain('POSIX');
    expect(sut).toContain('storage.backend=redis');
  });

  it('should warn that SQLite on an emptyDir is lost on restart', () => {
    expect(renderNotes({ storage: { backend: 'sqlite' } })).toContain('SQLite files are on an emptyDir');
  });

  it('should warn when an ingress is enabled with trustProxyCount set to 0, and not with the default', () => {
    expect(renderNotes({ ingress: { enabled: true }, config: { trustProxyCount: 0 } })).toContain('config.trustProxyCount=0');
    expect(renderNotes({ ingress: { enabled: true } })).not.toContain('config.trustProxyCount=0');
    expect(renderNotes(ciValues('ingress-tls-values.yaml'))).not.toContain('config.trustProxyCount=0');
    expect(renderNotes(ciValues('ingress-tls-values.yaml'))).toContain('https://ai-ticket.example.com/');
  });

  it('should note that each pod counts its own slots when upstream.slots.backend=local with several pods', () => {
    const sut = renderNotes(ciValues('sqlite-persistence-values.yaml'));
    expect(sut).toContain('NOTE: upstream.slots.backend=local with up to 2 pods');
    expect(sut).toContain('up to 2 x its slots');
  });

  it('should not note per-pod slots when the slots are shared through Redis, from ci/fleet-values.yaml', () => {
    expect(renderNotes(ciValues('fleet-values.yaml'))).not.toContain('upstream.slots.backend=local');
  });

  it('should render without warnings for the defaults', () => {
    expect(renderNotes()).not.toMatch(/WARNING|NOTE:/);
  });
});
