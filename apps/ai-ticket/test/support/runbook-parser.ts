export interface RunbookStep {
  /** The `## ` heading the command sits under. */
  section: string;
  command: string;
}

export interface Runbook {
  /** Every command of every shell block, in order (continuation lines joined, comments dropped). */
  steps: RunbookStep[];
  /** Blocks announced by `<!-- runbook: file NAME -->`: files the commands after them use. */
  files: Map<string, string>;
  /** Blocks announced by `<!-- runbook: env -->`: `.env` lines the text tells the reader to set. */
  envSnippets: Array<Record<string, string>>;
}

/** Reads the fenced blocks of a Markdown runbook. */
export function parseRunbook(markdown: string): Runbook {
  const runbook: Runbook = { steps: [], files: new Map(), envSnippets: [] };
  const lines = markdown.split('\n');
  let section = '';
  let marker: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const announced = /^<!-- runbook: (.+?) -->$/.exec(line);
    if (announced) marker = announced[1];
    const fence = /^```(\w*)/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (i += 1; i < lines.length && !lines[i].startsWith('```'); i += 1) body.push(lines[i]);
    if (marker?.startsWith('file ')) runbook.files.set(marker.slice(5), `${body.join('\n')}\n`);
    else if (marker === 'env') runbook.envSnippets.push(Object.fromEntries(body.filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
    else if (fence[1] === 'bash' || fence[1] === 'sh') runbook.steps.push(...commandsOf(body).map((command) => ({ section, command })));
    marker = undefined;
  }
  return runbook;
}

function commandsOf(body: string[]): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const raw of body) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    commands.push(pending + line);
    pending = '';
  }
  return commands;
}
