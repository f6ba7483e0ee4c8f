export const USAGE = `Usage: shipgate <command> [options]

Progressive delivery from any CI or a laptop: the same engine, targets and ledgers as the
Shipgate actions. Options are the actions' input names (docs/inputs.md), and the config file
(.github/shipgate.yml, or --config) is read as in a workflow.

Rollouts
  rollout               Build (with --build-command), deploy the canary, judge it step by step,
                        promote or roll back                  e.g. --version v2 --steps 10,50,100
  promote               Take a paused canary to 100 %
  abort                 Back a paused or running canary out; stable takes all traffic
  rollback              Restore the last known good version (or --to-version) --reason "..."

Looking
  status                What is live, in progress or paused per environment, from the ledger
  history               Deployments recorded in the ledger, newest first
  plan                  Dry run: steps, router, signals, judge, permissions, and what would
                        change first; nothing is deployed
  validate              Check the config file against the schema (errors with line and column)
  replay <report.json>  Re-judge a recorded rollout with other settings (--error-tolerance,
                        --latency-tolerance, --alpha, --beta, --min-samples, --max-latency,
                        --judge) and show whether the decision would change
  dora                  Deployment frequency, lead time, change failure rate and time to restore
                        from the ledger (--since 90d, --until, --markdown for a job summary)

Local target
  local status          Versions, weight and URLs of the local target of an environment
  local stop            Stop the local target's proxy and every version it runs

Options
  --environment, -e <name>  Environment (default: production; status/history/dora take a,b)
  --repo <owner/name>       Use GitHub (ledger, statuses, incidents) from anywhere; needs
                            GITHUB_TOKEN in the environment (GITHUB_API_URL for GHES)
  --ledger-file <file>      Use the file ledger at this path
  --sha <commit>            Commit of the rollout (default: GITHUB_SHA, CI_COMMIT_SHA,
                            GIT_COMMIT, or git rev-parse HEAD)
  --config <file>           Config file inside the workspace
  --workspace <dir>         Folder treated as the checkout (default: the current one)
  --json                    Print JSON on stdout (logs stay on stderr)
  --<input> <value>         Any action input, e.g. --steps 10,50,100 --error-tolerance 0.5%
  --<boolean-input>, --no-<boolean-input>
  --help, -h                This text

Secrets come from the environment, never from flags: GITHUB_TOKEN, SHIPGATE_WEBHOOK,
SHIPGATE_HEADERS.

Exit codes: 0 done (promoted, paused, or the command succeeded); 1 rolled back or failed,
or refused (bad input, a freeze window, a busy environment); 2 a mistake on the command line.`;
