// Parses every .ps1 file given with tree-sitter's PowerShell grammar and fails on any ERROR or
// MISSING node, naming file, line and column: a syntax check without PowerShell.
// Run through scripts/check-powershell.sh, which installs the two npm packages it needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const grammar = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));

let problems = 0;
for (const file of process.argv.slice(2)) {
  const tree = parser.parse(readFileSync(file, 'utf8'));
  // Walk only into subtrees that contain an error, so a clean file costs one check.
  const pending = [tree.rootNode];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node.isError || node.isMissing) {
      const what = node.isMissing ? `missing ${node.type}` : `syntax error near '${node.text.slice(0, 40)}'`;
      console.error(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}`);
      problems++;
    } else if (node.hasError) {
      pending.push(...node.children);
    }
  }
  if (!tree.rootNode.hasError) {
    console.log(`${file}: ok`);
  }
}
process.exit(problems === 0 ? 0 : 1);
