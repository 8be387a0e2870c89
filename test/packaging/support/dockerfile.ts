import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  /** `--name=value` flags at the start of args (COPY --from, RUN --mount, ...). */
  flags: Record<string, string>;
  /** args without the flags. */
  value: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** Splits leading `--flag=value` options off an instruction's arguments. */
function splitFlags(args: string): { flags: Record<string, string>; value: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest); match; match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest)) {
    flags[match[1]] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, value: rest.trim() };
}

/** A small parser for the subset of Dockerfile syntax this project uses (no heredocs, `\` continuations). */
export function parseDockerfile(text: string): Dockerfile {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (current === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (current !== '' && line.trimStart().startsWith('#')) continue; // comments inside a continued instruction
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push((current + line).trim());
    current = '';
  }

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const space = line.search(/\s/);
    const keyword = line.slice(0, space).toUpperCase();
    const args = line.slice(space + 1).trim();
    const { flags, value } = splitFlags(args);
    const instruction = { keyword, args, flags, value };
    if (keyword === 'FROM') {
      const [from, as, name] = value.split(/\s+/);
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : String(stages.length), from, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword === 'ARG') {
        const [name, defaultValue = ''] = value.split('=');
        globalArgs[name] = defaultValue;
      }
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

export function readDockerfile(): Dockerfile {
  return parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
}

export function stage(dockerfile: Dockerfile, name: string): Stage {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no stage ${name}`);
  return found;
}

export function instructions(s: Stage, keyword: string): Instruction[] {
  return s.instructions.filter((i) => i.keyword === keyword);
}

/** The JSON-array (exec) form of CMD/ENTRYPOINT/HEALTHCHECK CMD, parsed. */
export function execForm(value: string): string[] {
  const json = value.slice(value.indexOf('['));
  return JSON.parse(json) as string[];
}

/** ENV instructions of a stage as a map (`ENV A=1 B=2` form). */
export function envOf(s: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { value } of instructions(s, 'ENV')) {
    for (const match of value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[match[1]] = match[2].replace(/^"|"$/g, '');
  }
  return env;
}

/**
 * .dockerignore semantics (moby/patternmatcher): patterns in order, `!` re-includes, a pattern matches a path
 * or any of its parent folders, and the last matching pattern decides.
 */
export function dockerIgnoreMatcher(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => {
          if (part === '**/' ) return '(?:.*/)?';
          if (part === '**') return '.*';
          if (part === '*') return '[^/]*';
          if (part === '?') return '[^/]';
          return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (path: string) => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negate;
    }
    return ignored;
  };
}
