/**
 * A catalogue text whose `{name}` placeholders are elements (code, links) rather than plain strings:
 * `t(key)` without params leaves the placeholders visible, and this puts `nodes[name]` in their place.
 */
import { Fragment } from 'react';

export function TextWithNodes({ text, nodes }: { text: string; nodes: Readonly<Record<string, React.ReactNode>> }): React.JSX.Element {
  // split with a capture group: even indices are text, odd ones placeholder names.
  const parts = text.split(/\{(\w+)\}/);
  return <>{parts.map((part, i) => <Fragment key={i}>{i % 2 === 0 ? part : (nodes[part] ?? `{${part}}`)}</Fragment>)}</>;
}
