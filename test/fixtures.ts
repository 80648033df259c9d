/**
 * Where the conformance fixtures are: EVMKIT_FIXTURES, or ../shared/fixtures beside the repository.
 * Absent fixtures skip the conformance tests with instructions, except under CI=true, where they fail.
 */
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export const FIXTURES_HELP =
  'Conformance fixtures not found. Set EVMKIT_FIXTURES to a folder holding state/, rlp/, trie/, transaction/ ' +
  '(ethereum/tests: GeneralStateTests, RLPTests, TrieTests, TransactionTests; execution-spec-tests releases: ' +
  'fixtures/state_tests), or place them at ../shared/fixtures.';

export function fixturesRoot(): string {
  return process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : resolve(REPO_ROOT, '..', 'shared', 'fixtures');
}

/**
 * The path of a fixture sub-folder, or undefined (with the reason printed) when it is absent outside CI.
 * Under CI=true an absent folder throws: CI must never pass by skipping conformance.
 */
export function fixturePath(sub: string): string | undefined {
  const p = join(fixturesRoot(), sub);
  if (existsSync(p)) return p;
  if (process.env.CI === 'true') throw new Error(`${FIXTURES_HELP} (missing: ${p})`);
  console.warn(`${FIXTURES_HELP} (missing: ${p})`);
  return undefined;
}

export { REPO_ROOT };
