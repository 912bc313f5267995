/**
 * Every word the console shows comes from the catalogue: this scans each .tsx of the console for
 * JSX text and user-facing attributes (title, placeholder, aria-label, alt, label) written as
 * literals. Marks, numbers, units and the product's name are not words to translate.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const WEB_SRC = fileURLToPath(new URL('..', import.meta.url));
const SHOWN_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'aria-description']);
/** Text that is the same in every language. */
const NOT_WORDS = /^(Vigie|[A-Z]{1,3}|[\s\d.,:;·•×%°²/()[\]{}|–—…+\-#=<>→←↑↓✓✕✗▶■●○⚠⏸⏵\u00a0]*)$/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** The literal words of one .tsx source, with their line numbers. */
export function literalWords(source: string, fileName = 'x.tsx'): { line: number; text: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { line: number; text: string }[] = [];
  const add = (node: ts.Node, text: string): void => {
    const trimmed = text.trim();
    if (trimmed && !NOT_WORDS.test(trimmed)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxAttribute(node) && SHOWN_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) add(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)))
        add(init, init.expression.text);
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && node.expression) {
      const e = node.expression;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) add(e, e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('console words come from the catalogue', () => {
  it.each([
    ['<p>Hello</p>', ['Hello']],
    ['<input placeholder="Search" />', ['Search']],
    ['<button title={"Close it"}>×</button>', ['Close it']],
    ['<p>{t("a.b")} · 3 %</p>', []],
    ['<span>{"Pending"}</span>', ['Pending']],
    ['<b>Vigie</b>', []],
    ['<i className="muted">—</i>', []],
  ])('finds the literal words of %s', (src, expected) => {
    expect(literalWords(`const x = ${src};`).map((w) => w.text)).toEqual(expected);
  });

  it('no screen or component of the console writes words outside the catalogue', () => {
    const offenders = tsxFiles(WEB_SRC).flatMap((path) =>
      literalWords(readFileSync(path, 'utf8'), path).map((w) => `${relative(WEB_SRC, path)}:${w.line} "${w.text}"`),
    );
    expect(offenders).toEqual([]);
  });
});
