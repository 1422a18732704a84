/**
 * The structural part of the Template CRD's openAPIV3Schema (deploy/chart/crds/config.kiosk.sh_templates.yaml),
 * without descriptions, so the editor can check a Template in the browser as the API server will. A unit test
 * compares it with the CRD file: change both together.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

const str: SchemaNode = { type: 'string' };
const secretKeyRef: SchemaNode = { type: 'object', required: ['key', 'name', 'namespace'], properties: { name: str, namespace: str, key: str } };

export const TEMPLATE_SCHEMA: SchemaNode = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    resources: {
      type: 'object',
      properties: {
        manifests: {
          type: 'array',
          items: { type: 'object', required: ['apiVersion', 'kind'], properties: { apiVersion: str, kind: str }, 'x-kubernetes-preserve-unknown-fields': true },
        },
        helm: {
          type: 'object',
          properties: {
            releaseName: str,
            chart: {
              type: 'object',
              properties: {
                repository: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: str, version: str, repoUrl: str, username: secretKeyRef, password: secretKeyRef },
                },
              },
            },
            values: str,
            setValues: {
              type: 'array',
              items: { type: 'object', required: ['name', 'value'], properties: { name: str, value: str, forceString: { type: 'boolean' } } },
            },
          },
        },
      },
    },
    parameters: {
      type: 'array',
      items: { type: 'object', properties: { name: str, value: str, required: { type: 'boolean' }, validation: str } },
    },
  },
};
