#!/usr/bin/env node
// Writes everything that describes Shipgate's inputs and outputs from the one catalogue,
// shared/inputs/catalogue.ts:
//   action.yml, actions/<name>/action.yml     the actions' metadata
//   schema/shipgate.schema.json               what .github/shipgate.yml may hold
//   README.md (between <!-- tables:NAME -->)  the input/output tables
//   docs/inputs.md                            every input of every action, and the recipes
//                                             (examples/workflows/*.yml, embedded)
// `npm run build` runs it first. `--check` writes nothing and exits 1 when a file has drifted
// (__tests__/unit/inputs/catalogue.test.ts checks the same).
//
// Usage: node --import tsx scripts/generate.mjs [--check]   (without --import tsx it registers tsx itself)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Loads a TypeScript module of the project: natively under jest or `--import tsx`, else through tsx's API. */
async function load(specifier) {
  try {
    return await import(specifier);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    return import(specifier);
  }
}

const { ACTIONS, ACTION_NAMES, INPUTS, inputsOf, outputsOf, configInputs, secretInputs, WAVE_TARGET_INPUTS } = await load('../shared/inputs/catalogue.js');
const { formatDuration } = await load('../shared/util/duration.js');
const { FREEZE_JSON_SCHEMA } = await load('../shared/freeze/schema.js');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'shared/inputs/catalogue.ts';
const HOW = 'scripts/generate.mjs (npm run build)';

/** The recipes of docs/inputs.md, one workflow file each. */
export const RECIPES = [
  {
    file: 'examples/workflows/one-line.yml',
    title: 'Repository owner: the whole rollout in one `uses:` line',
    text: [
      'On every push to `main`, one step builds the code, deploys it as a canary beside the stable version, shifts',
      'traffic 10 → 50 → 100 % while the judge compares the two, and promotes it or rolls it back. The job needs',
      "`actions: read` (to tell another run's live rollout from an orphan) besides the ledger's, the status's and",
      "the incident's scopes; the `concurrency:` group queues rollouts of the environment. Everything that is not a",
      'secret can move from `with:` to `.github/shipgate.yml` (see the **Config file** column above).'
    ]
  },
  {
    file: 'examples/workflows/merge-gate.yml',
    title: 'Maintainer: gate merges on `shipgate/<environment>`',
    text: [
      'Each pull request from a branch of this repository is rolled out to `staging`; the rollout publishes the',
      "commit status `shipgate/staging` (the default `status-context`) on the pull request's head commit, `pending`",
      'while it runs and `success` or `failure` at the end, and the smoke test publishes `shipgate/staging-smoke`.',
      'To require them: **Settings → Rules → Rulesets → New branch ruleset**, target the default branch, enable',
      '*Require status checks to pass* and add `shipgate/staging` and `shipgate/staging-smoke` (a context can be',
      'picked once it has been posted; classic branch protection has the same setting under **Settings →',
      'Branches**). Pull requests from forks get a read-only token, so the job skips them.'
    ]
  },
  {
    file: 'examples/workflows/nginx-customers.yml',
    title: 'Repository owner with their own hosts: nginx splits traffic, customers are the evidence',
    text: [
      'A self-hosted runner on the nginx host rolls each push to `main` out with `traffic: nginx`: Shipgate rewrites',
      'only the upstream file it owns (`nginx-conf`), tests and reloads nginx once per step, and judges the canary on',
      "the customers' requests in the JSON access log (`probe-rate: 0`). The README's *Traffic routers* section shows",
      "the user's side of nginx.conf (`include`, `proxy_next_upstream off;`, the `log_format`) and the same for HAProxy."
    ]
  },
  {
    file: 'examples/workflows/release-manager.yml',
    title: 'Release manager: promote, abort or roll back by hand',
    text: [
      'A `workflow_dispatch` with an environment and an action. `promote` and `abort` finish the canary that a',
      '`pause` step (`steps: 10,50,pause,100`) or `on-inconclusive: pause` left waiting; `rollback` restores the',
      'last known good version. Nothing is remembered by a runner: the actions find the canary and the last good',
      "version in the environment's deployment history, hours later and from any run, and run the same commands",
      'with the same `SHIPGATE_*` values as the run that started it.'
    ]
  }
];

const quote = (s) => JSON.stringify(s);
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s) => `\`${cell(s)}\``;

/** action.yml's `default:` for an input of an action; undefined when it is required. */
function actionDefault(input) {
  if (input.required) return undefined;
  if (input.spec.actionDefault !== undefined) return input.spec.actionDefault;
  // The runner fills every input that has a default, and a given input wins over the config file.
  if (input.spec.config) return '';
  return input.spec.default;
}

/** The default as people read it: the value (as code), or the rule when there is no value. */
function shownDefault(input) {
  if (input.required) return '';
  if (input.spec.actionDefault !== undefined) return code(input.spec.actionDefault);
  if (input.spec.default !== '') return code(input.spec.default);
  return cell(input.defaultNote);
}

/** action.yml's description: the catalogue's, plus the real default when action.yml cannot show it. */
function actionDescription(input) {
  const yml = actionDefault(input);
  if (yml === undefined) return input.description;
  const stated = input.spec.default !== '' && yml !== input.spec.default ? `\`${input.spec.default}\`` : input.defaultNote;
  return stated ? `${input.description} Default: ${stated}.` : input.description;
}

export function renderActionYml(name) {
  const a = ACTIONS[name];
  const out = [
    `# Generated from ${SOURCE} by ${HOW}: edit the catalogue, not this file.`,
    `name: ${quote(a.name)}`,
    `description: ${quote(a.description)}`,
    `author: ${a.author}`,
    'branding:',
    `  icon: ${a.branding.icon}`,
    `  color: ${a.branding.color}`,
    'inputs:'
  ];
  for (const input of inputsOf(name)) {
    out.push(`  ${input.name}:`, `    description: ${quote(actionDescription(input))}`);
    const def = actionDefault(input);
    out.push(def === undefined ? '    required: true' : `    default: ${quote(def)}`);
  }
  out.push('outputs:');
  for (const o of outputsOf(name)) out.push(`  ${o.name}:`, `    description: ${quote(o.description)}`);
  out.push('runs:', `  using: ${a.runs.using}`, `  main: ${a.runs.main}`);
  if (a.runs.post) out.push(`  post: ${a.runs.post}`);
  if (a.runs['post-if']) out.push(`  post-if: ${a.runs['post-if']}`);
  return `${out.join('\n')}\n`;
}

/** The JSON Schema shape of a config-file value of this type (the file's YAML may use numbers, booleans, lists). */
function shape(type) {
  switch (type.kind) {
    case 'enum':
      return { enum: [...type.values] };
    case 'steps':
      return {
        anyOf: [{ type: 'string' }, { type: 'array', items: { anyOf: [{ type: 'integer', minimum: 1, maximum: 100 }, { const: 'pause' }] }, minItems: 1 }]
      };
    case 'boolean':
      return { anyOf: [{ type: 'boolean' }, { type: 'string' }] };
    case 'lines':
    case 'mentions':
    case 'urls':
      return { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    case 'integer':
    case 'number':
    case 'fraction':
    case 'percent':
    case 'duration':
    case 'status-ranges':
      return { type: ['string', 'number'] };
    default:
      return { type: 'string' };
  }
}

export function renderSchema() {
  const names = configInputs();
  const definitions = {};
  for (const name of names) {
    const spec = INPUTS[name];
    const stated = spec.default !== '' ? `\`${spec.default}\`` : spec.defaultNote;
    definitions[name] = { description: stated ? `${spec.description} Default: ${stated}.` : spec.description, ...shape(spec.type) };
  }
  // One definition per key, referenced from both levels.
  const properties = () => Object.fromEntries(names.map((n) => [n, { $ref: `#/definitions/${n}` }]));
  const waves = {
    type: 'array',
    minItems: 1,
    description:
      'A fleet in waves (target: command): each wave runs the canary steps with analysis on its targets, the next starts only after it is promoted, and a failure rolls back the current wave and every earlier one, newest first.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'targets'],
      properties: {
        name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$', description: 'The wave, as the summary and the ledger name it.' },
        'max-parallel': { type: 'integer', minimum: 1, maximum: 64, description: 'Targets of the wave changed at the same time. Default: all of them.' },
        targets: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$', description: 'The target (e.g. the host or region).' },
              ...Object.fromEntries(WAVE_TARGET_INPUTS.map((n) => [n, { $ref: `#/definitions/${n}` }]))
            }
          }
        }
      }
    }
  };
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/shipgate/shipgate/schema/shipgate.schema.json',
    $comment: `Generated from ${SOURCE} by ${HOW}: edit the catalogue, not this file.`,
    title: 'Shipgate configuration (.github/shipgate.yml)',
    description: `Keys are the actions' input names; an input given in the workflow wins over the file. Secrets (${secretInputs().join(', ')}) are not allowed here.`,
    type: 'object',
    additionalProperties: false,
    properties: {
      ...properties(),
      waves,
      freeze: FREEZE_JSON_SCHEMA,
      environments: {
        type: 'object',
        description: 'Per-environment overrides of the keys above (freeze windows add to the top-level ones; one with the same name replaces it).',
        additionalProperties: { type: 'object', additionalProperties: false, properties: { ...properties(), waves, freeze: FREEZE_JSON_SCHEMA } }
      }
    },
    definitions
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** README tables of one action: inputs (required, default, description) and outputs. */
export function readmeTables(name) {
  const rows = ['| Input | Required | Default | Description |', '|---|---|---|---|'];
  for (const input of inputsOf(name))
    rows.push(`| \`${input.name}\` | ${input.required ? 'yes' : 'no'} | ${shownDefault(input)} | ${cell(input.description)} |`);
  rows.push('', '| Output | Description |', '|---|---|');
  for (const o of outputsOf(name)) rows.push(`| \`${o.name}\` | ${cell(o.description)} |`);
  return rows.join('\n');
}

/** README.md with every <!-- tables:NAME --> section regenerated. */
export function renderReadme(readme) {
  let out = readme;
  for (const name of ACTION_NAMES) {
    const re = new RegExp(`(<!-- tables:${name} -->)[\\s\\S]*?(<!-- /tables:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- tables:${name} --> section`);
    out = out.replace(re, (_m, a, b) => `${a}\n${readmeTables(name)}\n${b}`);
  }
  return out;
}

const ms = (n) => formatDuration(n, 'input');
const num = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** The type column of docs/inputs.md. */
export function typeText(type) {
  switch (type.kind) {
    case 'string':
      return 'text';
    case 'command':
      return 'bash command';
    case 'path':
      return 'path';
    case 'name':
      return 'name';
    case 'version':
      return 'version';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return `integer, ${num(type.min)}–${num(type.max)}${type.unit ? ` ${type.unit}` : ''}`;
    case 'number':
      return `number, ${num(type.min)}–${num(type.max)}${type.unit ? ` ${type.unit}` : ''}`;
    case 'fraction':
      return `fraction or %, 0–${type.max}`;
    case 'percent':
      return '% or fraction, 0–1000%';
    case 'duration':
      return `duration, ${ms(type.minMs)}–${ms(type.maxMs)}`;
    case 'url':
      return 'URL';
    case 'urls':
      return 'URLs, one per line';
    case 'lines':
      return 'list, one per line';
    case 'steps':
      return 'steps';
    case 'enum':
      return type.values.map((v) => `\`${v}\``).join(' \\| ');
    case 'status-ranges':
      return 'status codes or ranges';
    case 'mentions':
      return 'GitHub handles';
    case 'headers':
      return 'headers, one per line';
    case 'promql':
      return 'PromQL';
    default:
      throw new Error(`no type text for ${type.kind}`);
  }
}

function configText(spec) {
  if (spec.secret) return 'no (secret)';
  return spec.config ? 'yes' : 'no';
}

function heading(name) {
  return name === 'rollout'
    ? `Root action: \`uses: ${ACTIONS[name].uses}\``
    : `\`${ACTIONS[name].uses.replace(/^shipgate\/shipgate\//, '').replace(/@.*$/, '')}\``;
}

export function renderInputsDoc(root = ROOT) {
  const out = [
    '# Inputs and outputs',
    '',
    `<!-- Generated from ${SOURCE} by ${HOW}: edit the catalogue (or examples/workflows/), not this file. -->`,
    '',
    `Every input of every action, from the one catalogue in \`${SOURCE}\`: the parsers take their defaults,`,
    "ranges and allowed values from it, and the `action.yml` files, `schema/shipgate.schema.json`, the README's",
    'tables and this page are generated from it.',
    '',
    '- **Default** is what the action uses when neither the workflow nor the config file gives the input.',
    '- **Config file**: whether `.github/shipgate.yml` (or the file named by `config`) may set it, at the top level',
    '  or under `environments.<name>`. An input given in the workflow wins over the file. Secrets are never',
    '  allowed there. Inputs the file may set have `default: ""` in `action.yml`, because the runner passes every',
    "  input that has a default and would hide the file's value; their real default is stated in the description.",
    '- **Types**: a *duration* is `500ms`, `30s`, `2m` or `1h` (a bare number is seconds); a *fraction or %* is',
    '  `0.01` or `1%`; *steps* are whole percentages that increase to 100 (`10,50,100`), with at most one `pause`',
    '  just before the final 100 (`10,50,pause,100`); a *version* is 1 to 64 letters, digits, `.`, `_`, `+` or `-`;',
    '  a *name* is up to 63 letters, digits, `.`, `_` or `-`; a *bash command* runs like a `run:` step and gets',
    '  values only through `SHIPGATE_*` environment variables; booleans accept `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).',
    ''
  ];
  for (const name of ACTION_NAMES) {
    const a = ACTIONS[name];
    out.push(`## ${heading(name)}`, '', `${a.description} Metadata: [\`${a.file}\`](../${a.file}).`, '');
    out.push('| Input | Type | Default | Config file | Description |', '|---|---|---|---|---|');
    for (const input of inputsOf(name)) {
      const def = input.required ? '**required**' : shownDefault(input) || '—';
      out.push(`| \`${input.name}\` | ${typeText(input.spec.type)} | ${def} | ${configText(input.spec)} | ${cell(input.description)} |`);
    }
    out.push('', '| Output | Description |', '|---|---|');
    for (const o of outputsOf(name)) out.push(`| \`${o.name}\` | ${cell(o.description)} |`);
    out.push('');
  }
  out.push('## Recipes', '', 'One workflow file per kind of user, ready to copy; each is linted with actionlint by the tests.', '');
  for (const r of RECIPES) {
    const yml = readFileSync(path.join(root, r.file), 'utf8');
    out.push(`### ${r.title}`, '', ...r.text, '', `[\`${r.file}\`](../${r.file}):`, '', '```yaml', yml.trimEnd(), '```', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Every generated file: path relative to the repository → its content. */
export function generatedFiles(root = ROOT) {
  const files = {};
  for (const name of ACTION_NAMES) files[ACTIONS[name].file] = renderActionYml(name);
  files['schema/shipgate.schema.json'] = renderSchema();
  files['README.md'] = renderReadme(readFileSync(path.join(root, 'README.md'), 'utf8'));
  files['docs/inputs.md'] = renderInputsDoc(root);
  return files;
}

/** The generated files whose committed content differs. */
export function drifted(root = ROOT) {
  return Object.entries(generatedFiles(root))
    .filter(([file, text]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== text)
    .map(([file]) => file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const bad = drifted();
    if (bad.length) {
      console.error(`Generated from ${SOURCE} but edited or stale: ${bad.join(', ')}. Run npm run generate (or npm run build) and commit.`);
      process.exit(1);
    }
  } else {
    for (const [file, text] of Object.entries(generatedFiles())) {
      const abs = path.join(ROOT, file);
      if (existsSync(abs) && readFileSync(abs, 'utf8') === text) continue;
      writeFileSync(abs, text);
      console.log(`wrote ${file}`);
    }
  }
}
