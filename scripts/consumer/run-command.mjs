// Child processes for the consumer test: collected output, wall time, and an environment that looks like
// a user's shell rather than this workspace's.
import { spawn } from 'node:child_process';

/** npm settings a user may rely on to reach the registry; every other npm_/pnpm_ variable is pnpm's own. */
const keptNpmSettings = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
]);

/**
 * The environment for commands run "as the user": no TokenOff key or address (the CLI must go offline on
 * its own, and no key may reach an install log), no NODE_OPTIONS (it could carry the workspace's
 * `@tokenflow/source` condition or a TypeScript loader), and none of the variables `pnpm run` sets.
 */
export function consumerEnvironment() {
  const environment = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (name.startsWith('TOKENOFF_') || name === 'NODE_OPTIONS' || name === 'INIT_CWD') continue;
    if (/^(npm|pnpm)_/i.test(name) && !keptNpmSettings.has(name.toLowerCase())) continue;
    environment[name] = value;
  }
  environment.NO_UPDATE_NOTIFIER = '1';
  environment.npm_config_update_notifier = 'false';
  environment.npm_config_fund = 'false';
  environment.npm_config_audit = 'false';
  return environment;
}

/**
 * Runs a command to completion and resolves with its exit code, output and wall time; never rejects for a
 * non-zero exit (the caller decides what that means).
 */
export function runCommand(command, args, { cwd, env = consumerEnvironment() } = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const finish = (code, spawnError) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr: spawnError ? `${stderr}${spawnError.message}` : stderr, ms });
    };
    child.on('error', (error) => finish(-1, error));
    child.on('close', (code, signal) => finish(code ?? (signal ? `signal ${signal}` : -1)));
  });
}

/** The last lines of a command's output, for a failure report. */
export function tailOf(result, lines = 12) {
  const text = `${result.stdout}\n${result.stderr}`.trim();
  return text.split('\n').slice(-lines).join('\n');
}
