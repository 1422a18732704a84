import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template';
import type { TemplateContext, TemplateInstanceParameter, TemplateParameter } from './types';

const context: TemplateContext = {
  namespace: { name: 'dev-1', labels: { team: 'payments' }, annotations: { owner: 'alice' } },
  account: { name: 'acme', labels: { plan: 'pro' }, annotations: {} },
};
const declared: TemplateParameter[] = [
  { name: 'CPU_LIMIT', value: '1' },
  { name: 'REPLICAS', value: '2' },
  { name: 'NAMESPACE', value: 'never-used' },
  { name: 'NO_DEFAULT' },
  { name: 'IMAGE', required: true, validation: '^[a-z./:0-9-]+$' },
];
const given: TemplateInstanceParameter[] = [{ name: 'IMAGE', value: 'nginx:1.27' }];

describe('renderTemplate', () => {
  it.each<[string, unknown, unknown, TemplateInstanceParameter[]?]>([
    ['untyped in a string', { data: { url: 'http://${NAMESPACE}.svc' } }, { data: { url: 'http://dev-1.svc' } }],
    ['typed number', { spec: { replicas: '${{REPLICAS}}' } }, { spec: { replicas: 2 } }],
    ['given value wins over the default', { spec: { replicas: '${{REPLICAS}}' } }, { spec: { replicas: 5 } }, [...given, { name: 'REPLICAS', value: '5' }]],
    ['predefined wins over a declared parameter of the same name', { ns: '${NAMESPACE}' }, { ns: 'dev-1' }],
    ['declared without default is empty', { a: 'x${NO_DEFAULT}y', b: '${{NO_DEFAULT}}' }, { a: 'xy', b: null }],
    ['required given value', { image: '${IMAGE}' }, { image: 'nginx:1.27' }],
    ['account and its labels', { l: { owner: '${ACCOUNT}', plan: '${ACCOUNT.METADATA.LABELS.plan}' } }, { l: { owner: 'acme', plan: 'pro' } }],
    ['namespace label and annotation', { v: '${NAMESPACE.METADATA.LABELS.team}/${NAMESPACE.METADATA.ANNOTATIONS.owner}' }, { v: 'payments/alice' }],
    ['unknown references stay (scripts)', { data: { 'run.sh': 'echo ${HOME} in ${NAMESPACE}' } }, { data: { 'run.sh': 'echo ${HOME} in dev-1' } }],
    ['escape', { v: '$${NAMESPACE}' }, { v: '${NAMESPACE}' }],
    ['keys are not substituted', { '${NAMESPACE}': '${NAMESPACE}' }, { '${NAMESPACE}': 'dev-1' }],
    ['list items at any depth', { a: [['${NAMESPACE}', 1], { b: ['${{REPLICAS}}'] }] }, { a: [['dev-1', 1], { b: [2] }] }],
    ['non-strings untouched', { n: 1, b: false, z: null, f: 1.5 }, { n: 1, b: false, z: null, f: 1.5 }],
    ['typed object is not re-walked', { v: '${{OBJ}}' }, { v: { k: '${NAMESPACE}' } }, [...given, { name: 'OBJ', value: '{k: "${NAMESPACE}"}' }]],
  ])('%s', (_, manifest, expected, params = given) => {
    const decl = [...declared, { name: 'OBJ' }];
    expect(renderTemplate([manifest], decl, params, context)).toEqual({ ok: true, objects: [expected] });
  });

  it('renders Kiosk README example (LimitRange with typed defaults)', () => {
    const template: TemplateParameter[] = [
      { name: 'DEFAULT_CPU_LIMIT', value: '1' },
      { name: 'DEFAULT_CPU_REQUESTS', value: '0.5', required: true, validation: '^[0-9]*\\.?[0-9]+$' },
    ];
    const manifest = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'space-limit-range' },
      spec: { limits: [{ default: { cpu: '${{DEFAULT_CPU_LIMIT}}' }, defaultRequest: { cpu: '${{DEFAULT_CPU_REQUESTS}}' }, type: 'Container' }] },
    };
    const result = renderTemplate([manifest], template, [{ name: 'DEFAULT_CPU_REQUESTS', value: '0.25' }], context);
    expect(result).toEqual({
      ok: true,
      objects: [{ ...manifest, spec: { limits: [{ default: { cpu: 1 }, defaultRequest: { cpu: 0.25 }, type: 'Container' }] } }],
    });
  });

  it('renders several manifests in order and leaves the inputs alone', () => {
    const manifests = [{ metadata: { name: '${NAMESPACE}-a' } }, { metadata: { name: '${NAMESPACE}-b' } }];
    const before = structuredClone(manifests);
    const result = renderTemplate(manifests, declared, given, context);
    expect(result).toEqual({ ok: true, objects: [{ metadata: { name: 'dev-1-a' } }, { metadata: { name: 'dev-1-b' } }] });
    expect(manifests).toEqual(before);
    if (result.ok) expect(result.objects[0]).not.toBe(manifests[0]);
  });

  it('renders no manifests but still validates parameters', () => {
    expect(renderTemplate([], declared, given, context)).toEqual({ ok: true, objects: [] });
    expect(renderTemplate([], declared, [], context)).toMatchObject({ ok: false, error: expect.stringMatching(/^missing required parameter 'IMAGE'/) });
  });

  const relaxed = declared.map((d) => (d.name === 'IMAGE' ? { name: 'IMAGE', required: true } : d));

  it.each<[string, unknown[], TemplateParameter[], TemplateInstanceParameter[], TemplateContext, string]>([
    [
      'unknown given parameter',
      [{}],
      declared,
      [...given, { name: 'FOO', value: 'x' }],
      context,
      "unknown parameter 'FOO': spec.parameters[1] is not declared by the Template (declared: CPU_LIMIT, REPLICAS, NAMESPACE, NO_DEFAULT, IMAGE); remove it, or declare it in the Template's parameters",
    ],
    [
      'validation fails',
      [{}],
      declared,
      [{ name: 'IMAGE', value: 'Nginx Latest' }],
      context,
      "parameter 'IMAGE' value 'Nginx Latest' does not match validation '^[a-z./:0-9-]+$'; set spec.parameters[0].value to a value the Template's pattern accepts",
    ],
    [
      'missing label, with the path of the field',
      [{}, { metadata: { labels: { 'app.kubernetes.io/part-of': '${NAMESPACE.METADATA.LABELS.app}' } } }],
      declared,
      given,
      context,
      'manifests[1].metadata.labels["app.kubernetes.io/part-of"]: ${NAMESPACE.METADATA.LABELS.app} is used, but namespace \'dev-1\' has no label \'app\'; add metadata.labels["app"] to the namespace, or remove the reference from the Template',
    ],
    [
      'ACCOUNT in an unowned namespace, inside a list',
      [{ subjects: [{ name: 'x' }, { name: '${ACCOUNT}-admins' }] }],
      declared,
      given,
      { namespace: { name: 'free' } },
      "manifests[0].subjects[1].name: ${ACCOUNT} is used, but namespace 'free' is not owned by an account (no kiosk.sh/account label); instantiate the Template in a space of an account, or remove the reference from the Template",
    ],
    [
      'typed value that is not YAML',
      [{ spec: { replicas: '${{IMAGE}}' } }],
      relaxed,
      [{ name: 'IMAGE', value: '[nginx' }],
      context,
      "manifests[0].spec.replicas: ${{IMAGE}}: value '[nginx' is not valid YAML (Flow sequence must end with a ] at line 1, column 7); give a valid YAML value, or write ${IMAGE} to insert it as a string",
    ],
  ])('fails: %s', (_, manifests, decl, params, ctx, error) => {
    expect(renderTemplate(manifests, decl, params, ctx)).toEqual({ ok: false, error });
  });
});
