'use client';

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { TemplateDiagnostic } from './validate-template-yaml';

/** Colours from the design tokens (light-dark()), so the editor follows the console's theme and keeps contrast. */
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'light-dark(oklch(0.45 0.15 262), oklch(0.8 0.1 258))' },
  { tag: [tags.string, tags.special(tags.string)], color: 'light-dark(oklch(0.42 0.11 150), oklch(0.84 0.11 150))' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.keyword], color: 'light-dark(oklch(0.47 0.15 30), oklch(0.82 0.1 40))' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--muted-fg)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.labelName, tags.typeName, tags.punctuation, tags.separator], color: 'var(--muted-fg)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--foreground)', fontSize: '0.8125rem', height: '100%' },
  '&.cm-focused': { outline: '2px solid var(--ring)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--foreground)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--foreground)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-muted)', color: 'var(--muted-fg)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in oklch, var(--surface-muted) 70%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--border)', color: 'var(--foreground)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in oklch, var(--primary) 28%, transparent) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--foreground)', border: '1px solid var(--border-strong)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warning-soft-fg)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface-muted)', color: 'var(--foreground)', border: '1px solid var(--border)' },
});

export interface YamlEditorHandle {
  /** Moves the cursor to a line and focuses the editor (from the list of problems). */
  goTo(from: number): void;
  /** Replaces the whole text (loading the current version after a conflict). */
  setText(text: string): void;
  /** Shows problems found elsewhere (a preview, the API server) until the text changes; recomputes the lint. */
  setExtraDiagnostics(list: TemplateDiagnostic[]): void;
}

export interface YamlEditorProps {
  initial: string;
  label: string;
  /** Problems of a text, as the person types (pure, synchronous). */
  check: (text: string) => TemplateDiagnostic[];
  onChange: (text: string) => void;
  /** Lint results, for a list of problems next to the editor. */
  onDiagnostics?: (list: TemplateDiagnostic[]) => void;
  readOnly?: boolean;
  describedBy?: string;
}

/**
 * CodeMirror 6 with YAML highlighting and lint diagnostics at their lines. Bundled (no CDN), and its style
 * elements are covered by the console's style-src, so the CSP's script-src stays nonce-only. Tab indents; Escape
 * then Tab leaves the editor (CodeMirror's documented escape from tab capture), so keyboard users are not trapped.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, YamlEditorProps>(function YamlEditor({ initial, label, check, onChange, onDiagnostics, readOnly, describedBy }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const extra = useRef<{ doc: string; list: TemplateDiagnostic[] }>({ doc: '', list: [] });
  const callbacks = useRef({ check, onChange, onDiagnostics });
  /** The editor's own checks plus the problems reported for this very text from elsewhere. */
  const diagnose = (v: EditorView): Diagnostic[] => {
    const text = v.state.doc.toString();
    const all = [...callbacks.current.check(text), ...(extra.current.doc === text ? extra.current.list : [])];
    callbacks.current.onDiagnostics?.(all);
    const max = v.state.doc.length;
    return all.map((d) => ({ from: Math.min(d.from, max), to: Math.min(Math.max(d.to, d.from), max), severity: d.severity, message: d.message }));
  };
  useEffect(() => {
    callbacks.current = { check, onChange, onDiagnostics };
  });

  useEffect(() => {
    const lint = linter((v) => diagnose(v), { delay: 300 });
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(highlight),
      yaml(),
      lint,
      lintGutter(),
      theme,
      EditorState.tabSize.of(2),
      EditorView.lineWrapping,
      // tabindex: axe (and keyboard users of a read-only editor) need a tab stop inside the scrolling region.
      EditorView.contentAttributes.of({ tabindex: '0', 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}), 'data-testid': 'template-yaml' }),
      EditorState.readOnly.of(!!readOnly),
      EditorView.editable.of(!readOnly),
      keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ parent: host.current!, state: EditorState.create({ doc: initial, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later text comes from the person or through setText.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    goTo(from) {
      const v = view.current;
      if (!v) return;
      const pos = Math.min(from, v.state.doc.length);
      v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      v.focus();
    },
    setText(text) {
      const v = view.current;
      if (!v) return;
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    },
    setExtraDiagnostics(list) {
      const v = view.current;
      if (!v) return;
      extra.current = { doc: v.state.doc.toString(), list };
      // The linter runs only after edits; these arrive for unchanged text, so they are set directly.
      v.dispatch(setDiagnostics(v.state, diagnose(v)));
    },
  }));

  return <div ref={host} className="h-[32rem] overflow-hidden rounded-md border border-border-strong [&_.cm-editor]:h-full" />;
});
