#!/usr/bin/env bash
# Checks that dist/ and the files generated from the input catalogue (shared/inputs/catalogue.ts) are
# what the sources build. Run it after `npm run build` (which regenerates them and rebuilds dist/):
# any difference from the commit, or any new untracked file among them, fails with one sentence.
# .ci/run and .github/workflows/release.yml both call it, so they check the same list.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm run build also regenerates what shared/inputs/catalogue.ts describes.
generated=(dist/ action.yml actions/build/action.yml actions/canary-deploy/action.yml actions/smoke-test/action.yml actions/auto-rollback/action.yml schema/shipgate.schema.json README.md docs/inputs.md)
if ! git diff --exit-code --stat -- "${generated[@]}" || [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
  echo "dist/ or a file generated from shared/inputs/catalogue.ts differs from what the sources build: run npm run build and commit them." >&2
  git status --porcelain -- "${generated[@]}" >&2
  exit 1
fi
echo "dist/ and the generated files are up to date"
