import { isIP } from 'node:net';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { upstreamListProblems } from './upstream-targets.parser';

/** `KOBOLDCPP_API_URL`: comma-separated http(s) base URLs, each optionally ending in `#slots=N`. */
export function IsUpstreamUrlList(): PropertyDecorator {
  return ValidateBy({
    name: 'isUpstreamUrlList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && upstreamListProblems(value).length === 0,
      // Positions only: an entry may carry credentials, and rejected values are never echoed.
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be comma-separated http(s) base URLs, each optionally ending in #slots=N (1-1024)` +
        (typeof args?.value === 'string' ? `: ${upstreamListProblems(args.value).join(', ')}` : ''),
    },
  });
}

/** `UPSTREAM_DNS_SERVERS`: comma-separated IP addresses, each optionally with a port (`[v6]:port`). */
export function IsDnsServerList(): PropertyDecorator {
  return ValidateBy({
    name: 'isDnsServerList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.split(',').every((entry) => isDnsServer(entry.trim())),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be comma-separated IP addresses, each optionally with :port`,
    },
  });
}

function isDnsServer(entry: string): boolean {
  if (isIP(entry) !== 0) return true;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(entry);
  if (!match) return false;
  const port = Number(match[3]);
  return isIP(match[1] ?? match[2]) !== 0 && port >= 1 && port <= 65535;
}
