import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonPasswords } from '../security/common-passwords';

/**
 * The dependency-free modules the rules use, as the browser gets them: folders relative to
 * src/accounts. Each is known in the bundle by its file name, so `require('./x')` and
 * `require('../../shared/x')` both find it (no two share a name).
 */
const MODULES = [
  { dir: '../shared', name: 'digits-as-meant' },
  { dir: 'validation', name: 'id-number.rules' },
  { dir: 'validation', name: 'password.rules' },
  { dir: 'validation', name: 'registration.rules' },
];

function compiledSource(folder: string, name: string): string {
  const dir = join(__dirname, '..', folder);
  const js = join(dir, `${name}.js`);
  if (existsSync(js)) return readFileSync(js, 'utf8');
  // Running from src/ (ts-jest, ts-node): compile the same file the server imports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(readFileSync(join(dir, `${name}.ts`), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 },
  }).outputText;
}

/**
 * The server's validation rules wrapped for the browser: each CommonJS module in a function with
 * its own `exports`, `require` resolved among them by file name, the last one exposed as
 * `window.yikaoRules`. Built once per process.
 */
export function buildRulesScript(): string {
  const parts = MODULES.map(
    ({ dir, name }) =>
      `defs[${JSON.stringify(name)}] = function (module, exports, require) {\n` +
      compiledSource(dir, name).replace(/\/\/# sourceMappingURL=.*$/m, '') +
      '\n};',
  );
  return `/* Generated from src/accounts/validation (and the src/shared module it uses): the same rules the server applies. */
(function () {
  'use strict';
  var defs = {};
  var cache = {};
  function load(path) {
    var name = path.split('/').pop();
    if (cache[name]) return cache[name].exports;
    var module = { exports: {} };
    cache[name] = module;
    defs[name](module, module.exports, load);
    return module.exports;
  }
${parts.join('\n')}
  window.yikaoRules = load('registration.rules');
  window.yikaoRules.idRules = load('id-number.rules');
  // 个人信息's checks (profile-form.js) read months, phones and postcodes as the server does.
  window.yikaoRules.asMeant = load('digits-as-meant');
})();
`;
}

/** `window.yikaoCommonPasswords`: the same set the server refuses, lower-cased. */
export function buildCommonPasswordsScript(): string {
  return `/* Generated: common passwords (zxcvbn-ts, MIT) that the server refuses. */\nwindow.yikaoCommonPasswords = new Set(${JSON.stringify([...commonPasswords()])});\n`;
}

/** The scripts built from the server's code, by their path under /static/ (no file in static/ holds them). */
const GENERATED_SCRIPTS: Record<string, () => string> = {
  'js/rules.js': buildRulesScript,
  'js/rules-common-passwords.js': buildCommonPasswordsScript,
};

const built = new Map<string, { body: string; version: string }>();

/**
 * A generated script and the hash of its text, built once per process on first use. Pages link it
 * as `{{asset "js/rules.js"}}` with that hash, so a browser never keeps an older version's rules
 * after a deploy (the bare URL is cached for an hour).
 */
export function generatedScript(path: string): { body: string; version: string } | undefined {
  const build = GENERATED_SCRIPTS[path];
  if (!build) return undefined;
  let script = built.get(path);
  if (!script) {
    const body = build();
    built.set(path, (script = { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) }));
  }
  return script;
}
