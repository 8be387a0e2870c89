import type { OptionSpec } from '../command.types';

export const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', description: 'Print one JSON document (per line) for scripts instead of text' };

export const SERVER_URL_OPTION: OptionSpec = {
  name: 'server-url',
  type: 'string',
  value: 'URL',
  description: 'The service, e.g. https://ai.example.com (default: $AI_TICKET_URL, else http://127.0.0.1:5000)',
};
