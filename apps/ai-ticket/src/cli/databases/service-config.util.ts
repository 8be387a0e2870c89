import { EnvironmentValidationError, loadAppConfig, type AppConfig } from '@ai-ticket/config';
import { CliFailure } from '../cli-failure.exception';
import { ExitCode } from '../exit-code.constants';

/**
 * The service's configuration, exactly as `serve` would read it, so that `backup`, `restore` and
 * `migrate` act on the databases the service uses. A bad variable is a usage error (exit 2) whose
 * message names the variable and the rule, never its value.
 */
export function loadServiceConfig(): AppConfig {
  try {
    return loadAppConfig();
  } catch (error) {
    if (error instanceof EnvironmentValidationError) throw new CliFailure('invalid_configuration', error.message, ExitCode.Usage);
    throw error;
  }
}
