import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { KUBE_YAML_OPTIONS } from '@/server/controller/templates/parse-yaml-documents';

/** A path into a YAML document: map keys and list indexes, e.g. ['resources', 'manifests', 0, 'metadata']. */
export type YamlPath = (string | number)[];

/** Where a diagnostic points: character offsets into the text and the 1-based line of `from`. */
export interface YamlSpan {
  from: number;
  to: number;
  line: number;
}

/** A YAML text parsed in the dialect Kubernetes reads, with what it takes to point at lines. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  text: string;
}

/** Parses one YAML document (YAML 1.1 scalars, timestamps as strings: what kubectl and the controller read). */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...KUBE_YAML_OPTIONS, lineCounter: lines, keepSourceTokens: false, uniqueKeys: true });
  return { doc, lines, text };
}

export function spanOf(p: ParsedYaml, from: number, to: number): YamlSpan {
  const start = Math.max(0, Math.min(from, p.text.length));
  const end = Math.max(start, Math.min(to, p.text.length));
  return { from: start, to: end, line: p.lines.linePos(start).line };
}

function nodeSpan(p: ParsedYaml, node: Node | null | undefined): YamlSpan | undefined {
  const r = node?.range;
  return r ? spanOf(p, r[0], r[1]) : undefined;
}

/**
 * The text span of the deepest part of `path` that exists: the value itself when the whole path resolves, else
 * the key (or item) where it stops. `key: true` points at the key of the last segment rather than its value —
 * what an "unknown field" message wants. Undefined only for an empty document.
 */
export function locate(p: ParsedYaml, path: YamlPath, opts: { key?: boolean } = {}): YamlSpan | undefined {
  let node: Node | null | undefined = p.doc.contents as Node | null;
  let best = nodeSpan(p, node);
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node) && typeof seg === 'string') {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === seg);
      if (!pair) return best;
      const keySpan = nodeSpan(p, pair.key as Node);
      if (last && opts.key) return keySpan ?? best;
      node = pair.value as Node | null;
      // An empty value (`key:`) has no node of its own: point at the key.
      best = nodeSpan(p, node) ?? keySpan ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return best;
      node = item;
      best = nodeSpan(p, node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/**
 * The location named at the start of a message of the template renderer or of the controller's checks —
 * `manifests[2].data["a-b"]: …`, `manifests[0] (ConfigMap x): …`, `resources.helm.values …`, `… fix
 * parameters[1].validation in the Template` — as a path into the Template, or undefined when the message names
 * no place in the Template (a problem with the values given for the preview).
 */
export function pathInTemplate(message: string): YamlPath | undefined {
  const head = /^(manifests\[\d+\](?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)/.exec(message);
  if (head) return ['resources', ...parseRendererPath(head[1]!)];
  if (/^resources\.helm\.values\b/.test(message)) return ['resources', 'helm', 'values'];
  const declared = /fix parameters\[(\d+)\]\.validation in the Template/.exec(message);
  if (declared) return ['parameters', Number(declared[1]), 'validation'];
  if (/^the template has \d+ manifests/.test(message)) return ['resources', 'manifests'];
  return undefined;
}

/** `manifests[0].data["a-b"][1]` → ['manifests', 0, 'data', 'a-b', 1]. */
export function parseRendererPath(path: string): YamlPath {
  const out: YamlPath = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out;
}
