import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, AuthConfig } from '@ai-ticket/config';
import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Client } from '../client.types';
import { parseTokenEntries, type TokenEntry } from './token-entry.parser';
import { TokenSet } from './token-set';
import { TokenStore } from './token.store';

/**
 * Tokens from `AI_TICKET_AUTH_TOKEN` plus a mounted secret file, re-read without a restart.
 *
 * Kubernetes updates a mounted Secret by atomically swapping the `..data` symlink in the mount
 * directory, which a watch on the file itself would miss; so the directory is watched, and the file is
 * also polled every `AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL` seconds in case events are lost (network
 * filesystems, some container runtimes).
 */
@Injectable()
export class SecretFileTokenStore extends TokenStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Auth');
  private readonly settings: AuthConfig;
  private readonly envEntries: TokenEntry[];
  private tokens = new TokenSet([]);
  private fileDigest: string | undefined;
  private failing = false;
  /** Reloads run one after another, so an older read can never overwrite a newer one. */
  private reloading: Promise<void> = Promise.resolve();
  private started = false;
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  /** Count of reloads that changed the token set. */
  reloads = 0;
  private readonly loadListeners: Array<(tokens: number, reload: boolean) => void> = [];

  constructor(config: ConfigService<AppConfig, true>) {
    super();
    this.settings = config.get('auth', { infer: true });
    const parsed = parseTokenEntries(this.settings.envTokens);
    if (parsed.invalidLines.length > 0) {
      throw new Error(`AI_TICKET_AUTH_TOKEN has unreadable item(s) at position(s) ${parsed.invalidLines.join(', ')}`);
    }
    this.warnAboutWeakTokens(parsed.weakTokens, 'AI_TICKET_AUTH_TOKEN');
    this.envEntries = parsed.entries;
    this.tokens = new TokenSet(this.envEntries);
  }

  get enabled(): boolean {
    return this.envEntries.length > 0 || this.settings.tokenFile !== undefined;
  }

  get size(): number {
    return this.tokens.size;
  }

  /** Called with the token count whenever a token set is loaded (`reload`: it replaced an earlier one). */
  onLoad(listener: (tokens: number, reload: boolean) => void): void {
    this.loadListeners.push(listener);
    listener(this.tokens.size, false);
  }

  authenticate(token: string): Client | undefined {
    return this.tokens.match(token);
  }

  issueSession(token: string, expiresAt: number): string | undefined {
    return this.tokens.issueSession(token, expiresAt);
  }

  verifySession(value: string, now: number): Client | undefined {
    return this.tokens.verifySession(value, now);
  }

  async onModuleInit(): Promise<void> {
    if (this.settings.tokenFile) {
      await this.reload();
      this.startWatching(this.settings.tokenFile);
    }
    this.started = true;
    if (this.tokens.size === 0 && this.settings.required) {
      throw new Error('AUTH_REQUIRED is true but no API token is configured (AI_TICKET_AUTH_TOKEN or AI_TICKET_AUTH_TOKEN_FILE)');
    }
    if (!this.enabled) {
      this.logger.warn({ msg: 'AUTHENTICATION IS OFF: no API token is configured, so anyone who can reach the service can use it. Set AI_TICKET_AUTH_TOKEN or AI_TICKET_AUTH_TOKEN_FILE (and AUTH_REQUIRED=true to enforce it).' });
    } else {
      this.logger.log({ msg: 'Authentication is on', tokens: this.tokens.size });
    }
  }

  onModuleDestroy(): void {
    this.watcher?.close();
    clearInterval(this.poller);
    clearTimeout(this.debounce);
  }

  /** Re-reads the file; keeps the last good set when it cannot be read. Safe to call at any time. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.readFile());
    return this.reloading;
  }

  private async readFile(): Promise<void> {
    const file = this.settings.tokenFile;
    if (!file) return;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
        this.logger.warn({ msg: 'Token file cannot be read; keeping the last good tokens', file, code, tokens: this.tokens.size });
      }
      return;
    }
    if (this.failing) this.logger.log({ msg: 'Token file is readable again', file });
    this.failing = false;
    const digest = createHash('sha256').update(text).digest('hex');
    if (digest === this.fileDigest) return;
    const parsed = parseTokenEntries(text.split(/\r?\n/));
    if (parsed.invalidLines.length > 0) {
      this.logger.warn({ msg: 'Token file has unreadable lines; they are ignored', file, lines: parsed.invalidLines });
    }
    this.warnAboutWeakTokens(parsed.weakTokens, file);
    this.fileDigest = digest;
    this.tokens = new TokenSet([...this.envEntries, ...parsed.entries]);
    this.loadListeners.forEach((listener) => listener(this.tokens.size, this.started));
    if (this.started) {
      this.reloads += 1;
      this.logger.log({ msg: 'Auth tokens reloaded', file, tokens: this.tokens.size });
    }
  }

  private startWatching(file: string): void {
    const schedule = () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(), 50);
      this.debounce.unref();
    };
    try {
      // The directory, not the file: a symlink swap replaces the file's entry, which a file watch misses.
      this.watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
        if (name === null || name === basename(file) || name.startsWith('..')) schedule();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.logger.warn({ msg: 'Cannot watch the token file directory; relying on polling', file });
    }
    this.poller = setInterval(() => void this.reload(), this.settings.reloadIntervalMs);
    this.poller.unref();
  }

  private warnAboutWeakTokens(count: number, source: string): void {
    if (count > 0) this.logger.warn({ msg: `Some tokens are shorter than 16 characters and easy to guess`, source, count });
  }
}
