// Parses every .ps1 file given with tree-sitter's PowerShell grammar and fails on any ERROR or
// MISSING node, naming file, line and column: a syntax check without PowerShell. It also fails
// what Windows PowerShell 5.1 (the one every Windows has) cannot run: a file that is neither ASCII
// nor UTF-8 with a byte order mark (5.1 reads one without a BOM in the ANSI code page), and
// PowerShell 7's syntax: && and || between pipelines, ??, ??=, ?. and ?[ and the ternary ? :.
// Run through scripts/check-powershell.sh, which installs the two npm packages it needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const grammar = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));

const SEVEN_ONLY = 'PowerShell 7 syntax, which Windows PowerShell 5.1 refuses';
let problems = 0;
function report(file, node, what) {
  console.error(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}`);
  problems++;
}

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
  if (!bom && firstNonAscii >= 0) {
    const line = bytes.subarray(0, firstNonAscii).toString('latin1').split('\n').length;
    console.error(`${file}:${line}: a byte that is not ASCII in a file without a UTF-8 byte order mark`
      + ' (Windows PowerShell 5.1 would read it in the ANSI code page)');
    problems++;
  }
  const before = problems;
  const tree = parser.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  // Walk every node: pipeline chains parse as valid, so they are looked for, not only errors.
  const pending = [tree.rootNode];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node.type === 'pipeline_chain_tail') {
      report(file, node, `'${node.text.trim().slice(0, 2)}' between pipelines is ${SEVEN_ONLY}`);
    } else if (node.isError && node.text.trim().startsWith('?')) {
      report(file, node, `'${node.text.trim().split('\n')[0].slice(0, 20)}': ??, ?., ?[ or a ternary ? : is ${SEVEN_ONLY}`);
    } else if (node.isError || node.isMissing) {
      const what = node.isMissing ? `missing ${node.type}` : `syntax error near '${node.text.slice(0, 40)}'`;
      report(file, node, what);
    } else {
      pending.push(...node.children);
    }
  }
  if (problems === before) {
    console.log(`${file}: ok`);
  }
}
process.exit(problems === 0 ? 0 : 1);
