#!/usr/bin/env node
// Prints the CHANGELOG.md section for a release tag, without its heading: the release's notes
// (.github/workflows/release.yml passes them to `gh release create --notes-file`).
//
//   node scripts/release-notes.mjs v1.2.3 [CHANGELOG.md]
//   node scripts/release-notes.mjs --describe v1.2.3   → version=1.2.3, major=1, prerelease=false
//                                                         (lines for $GITHUB_OUTPUT; same tag rules)
//
// A release tag is vMAJOR.MINOR.PATCH (semver numbers, no leading zeros); its section is headed
// `## [1.2.3] - 2026-12-06`, `## [1.2.3]` or `## 1.2.3` (Keep a Changelog).
// A pre-release tag is vMAJOR.MINOR.PATCH-IDENTIFIERS (e.g. v1.2.3-rc.1): its notes are its own
// section (`## [1.2.3-rc.1]`) when the changelog has one, else the `## [Unreleased]` section (what
// the coming release holds). The workflow publishes it as a pre-release and never moves the major
// tag (v1) for it. Build metadata (v1.2.3+build) is refused: GitHub tags need no second spelling.
// Exits 1 with one sentence when the tag is malformed or the section is missing or empty.
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const NUM = '(?:0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
export const TAG_PATTERN = new RegExp(`^v(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${IDENT}(?:\\.${IDENT})*))?$`);

/** `v1.2.3-rc.1` → { version: '1.2.3-rc.1', major: '1', prerelease: 'rc.1' }; null when not a release tag. */
export function parseTag(tag) {
  const m = TAG_PATTERN.exec(tag);
  if (!m) return null;
  // Numeric pre-release identifiers must not have leading zeros either (semver 2.0.0, item 9).
  if (m[4] !== undefined && m[4].split('.').some((id) => /^0\d+$/.test(id))) return null;
  return { version: tag.slice(1), major: m[1], prerelease: m[4] ?? null };
}

const TAG_ERROR = (tag) =>
  `${JSON.stringify(tag)} is not a release tag: use vMAJOR.MINOR.PATCH (e.g. v1.2.3) or a pre-release vMAJOR.MINOR.PATCH-IDENTIFIERS (e.g. v1.2.3-rc.1).`;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The level-2 heading of `name`: `## [name]`, `## name`, `## [vname]`, each optionally followed by ` - date`. */
function headingPattern(name) {
  return new RegExp(`^##[ \\t]+(?:\\[v?${escape(name)}\\]|v?${escape(name)})(?:[ \\t]+[-–—][ \\t]+.*)?[ \\t]*$`, 'i');
}

/** The body of every section headed `name` (the heading line left out; link definitions at its end dropped). */
export function sections(changelog, name) {
  const lines = changelog.split(/\r?\n/);
  const heading = headingPattern(name);
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!heading.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^##?[ \t]/.test(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    // Keep a Changelog ends the file with link definitions (`[1.2.3]: https://…`): not notes.
    while (body.length && (/^\s*$/.test(body.at(-1)) || /^\[[^\]]+\]:\s*\S/.test(body.at(-1)))) body.pop();
    while (body.length && /^\s*$/.test(body[0])) body.shift();
    found.push(body.join('\n'));
  }
  return found;
}

/** A body with nothing but blank lines and `###` subheadings says nothing. */
const isEmpty = (body) => body.split('\n').every((l) => /^\s*$/.test(l) || /^###/.test(l));

/** The notes for `tag`, or { error } with one sentence. */
export function releaseNotes(changelog, tag, file = 'CHANGELOG.md') {
  const parsed = parseTag(tag);
  if (!parsed) return { error: TAG_ERROR(tag) };
  const candidates = parsed.prerelease ? [parsed.version, 'Unreleased'] : [parsed.version];
  for (const name of candidates) {
    const found = sections(changelog, name);
    if (found.length > 1) return { error: `${file} has ${found.length} sections for ${name}: keep one.` };
    if (found.length === 0) continue;
    if (isEmpty(found[0])) return { error: `${file}'s section for ${name} is empty: write the release's changes under it.` };
    return { notes: `${found[0]}\n`, section: name };
  }
  const wanted = parsed.prerelease ? `"## [${parsed.version}]" or "## [Unreleased]"` : `"## [${parsed.version}] - YYYY-MM-DD"`;
  return { error: `${file} has no section for ${parsed.version}: add ${wanted} with the release's changes.` };
}

function main(argv) {
  if (argv[0] === '--describe' && argv.length === 2) {
    const parsed = parseTag(argv[1]);
    if (!parsed) {
      console.error(TAG_ERROR(argv[1]));
      return 1;
    }
    process.stdout.write(`version=${parsed.version}\nmajor=${parsed.major}\nprerelease=${parsed.prerelease !== null}\n`);
    return 0;
  }
  const [tag, file = 'CHANGELOG.md', ...rest] = argv;
  if (tag === undefined || tag.startsWith('-') || rest.length > 0) {
    console.error('Usage: node scripts/release-notes.mjs <tag, e.g. v1.2.3> [changelog file, default CHANGELOG.md] | --describe <tag>');
    return 2;
  }
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${file}: ${err.code ?? err.message}.`);
    return 1;
  }
  const result = releaseNotes(text, tag, file);
  if (result.error) {
    console.error(result.error);
    return 1;
  }
  process.stdout.write(result.notes);
  return 0;
}

// Run as a script (not when imported).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
