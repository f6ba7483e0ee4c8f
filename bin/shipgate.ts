// The shipgate CLI: look at and clean up what the actions leave on a machine (local target,
// file ledger). Bundled to dist/cli/index.js; `npx shipgate …` or `node dist/cli/index.js …`.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { consoleLogger } from '../shared/util/log.js';
import { defaultStateDir } from '../shared/util/state-dir.js';
import { localStateDir } from '../shared/targets/local/paths.js';

const USAGE = `Usage: shipgate <command> [options]

Commands:
  local status    Versions, weight and URLs of the local target of an environment
  local stop      Stop the local target's proxy and every version it runs
  history         Deployments recorded in the file ledger, newest first

Options:
  --environment, -e <name>   Environment (default: production)
  --state-root <dir>         The actions' state-dir (default: $XDG_STATE_HOME/shipgate or ~/.local/state/shipgate)
  --ledger-file <file>       File ledger (default: ledger.json in the state root)
  --json                     Print JSON
  --help, -h                 This text`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      environment: { type: 'string', short: 'e', default: 'production' },
      'state-root': { type: 'string' },
      'ledger-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    }
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const env = values.environment ?? 'production';
  const root = path.resolve(values['state-root'] ?? defaultStateDir(process.env));
  const stateDir = localStateDir(root, env);
  const [cmd, sub] = positionals;
  if (cmd === 'local' && sub === 'status') {
    const { LocalTarget } = await import('../shared/targets/local/index.js');
    const target = new LocalTarget({ stateDir, environment: env, startCommand: '', logger: consoleLogger });
    const s = await target.status();
    if (values.json) console.log(JSON.stringify(s, null, 2));
    else
      console.log(
        `${env}: stable ${s.stable?.version ?? '—'}, canary ${s.canary?.version ?? '—'} at ${s.weight} %${s.urls?.entry ? `, entry ${s.urls.entry}` : ''}`
      );
    return 0;
  }
  if (cmd === 'local' && sub === 'stop') {
    const { stopLocal } = await import('../shared/targets/local/index.js');
    await stopLocal(stateDir);
    console.log(`Stopped the local target of ${env}.`);
    return 0;
  }
  if (cmd === 'history') {
    const { FileLedger } = await import('../shared/ledgers/file.js');
    const ledger = new FileLedger({ path: path.resolve(values['ledger-file'] ?? path.join(root, 'ledger.json')) });
    const list = await ledger.history(env, 50);
    if (values.json) console.log(JSON.stringify(list, null, 2));
    else
      for (const r of list)
        console.log(`${r.id.padStart(4)}  ${r.createdAt}  ${r.kind.padEnd(8)}  ${r.release.version.padEnd(16)}  ${r.state.padEnd(11)}  ${r.description ?? ''}`);
    return 0;
  }
  console.error(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`shipgate: ${(err as Error).message}`);
    process.exit(1);
  }
);
