/**
 * Code blocks a test runs straight from a markdown file, so the docs cannot drift from the
 * code: a block is marked by an HTML comment `<!-- consumer-test: NAME … -->` on the line
 * (or lines) before its fence. GitHub and the npm registry page do not show the comment.
 */

/**
 * The marked blocks of `markdown` by name; a name marked twice is an error.
 *
 * @example
 * markedBlocks('<!-- consumer-test: hi -->\n```js\nconsole.log(1);\n```\n').get('hi'); // 'console.log(1);\n'
 */
export function markedBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const re = /<!-- consumer-test: ([\w-]+)[^\n]*?-->\s*\n```[\w-]*\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(re)) {
    const [, name, code] = m as unknown as [string, string, string];
    if (blocks.has(name)) throw new Error(`block "${name}" is marked twice`);
    blocks.set(name, code);
  }
  return blocks;
}

/**
 * The block named `name`, or an error that says how to mark it.
 *
 * @example
 * markedBlock(readme, 'quickstart'); // the Quick start code
 */
export function markedBlock(markdown: string, name: string): string {
  const code = markedBlocks(markdown).get(name);
  if (code === undefined) {
    throw new Error(`no block marked <!-- consumer-test: ${name} --> before its \`\`\` fence`);
  }
  return code;
}

/**
 * What a block says it prints: the `// ` comment lines that follow its last
 * `console.log(…);` line, without the `// ` (so the README shows real output, and a test
 * compares it with what the code prints).
 *
 * @example
 * printedOutput("console.log(1);\n// 1\n"); // '1\n'
 */
export function printedOutput(code: string): string {
  const lines = code.split('\n');
  let at = lines.length - 1;
  while (at >= 0 && !/^console\.log\(.*\);/.test(lines[at] ?? '')) at--;
  if (at < 0) throw new Error('the block has no console.log(…); line');
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.startsWith('//')) break;
    out.push(l.replace(/^\/\/ ?/, ''));
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * `import … from '…';` statements removed (to put a CommonJS header in their place).
 *
 * @example
 * withoutImports("import { a } from 'b';\nconsole.log(a);\n"); // 'console.log(a);\n'
 */
export function withoutImports(code: string): string {
  return code.replace(/^import [^;]*;[^\n]*\n/gm, '').replace(/^\n+/, '');
}
