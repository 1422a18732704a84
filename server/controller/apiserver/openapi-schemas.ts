// JSON schemas of tenancy.kiosk.sh/v1alpha1 (and, for the self-contained v3
// document, the meta/v1 types they use). Field names and descriptions follow
// Kiosk's Go types; `ref` makes a v2 (#/definitions) or v3 (#/components/schemas) reference.

type Schema = Record<string, unknown>;
export type Ref = (name: string) => Schema;

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const PREFIX = 'sh.kiosk.tenancy.v1alpha1';
const gvk = (kind: string) => ({ 'x-kubernetes-group-version-kind': [{ group: 'tenancy.kiosk.sh', version: 'v1alpha1', kind }] });
const str = (description: string) => ({ type: 'string', description });
const strMap = (description: string) => ({ type: 'object', description, additionalProperties: { type: 'string', default: '' } });
const strList = (description: string) => ({ type: 'array', description, items: { type: 'string', default: '' } });
const obj = (description: string, properties: Record<string, Schema>, required?: string[]) => ({ type: 'object', description, properties, ...(required ? { required } : {}) });

const typeMeta = {
  apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
  kind: str('Kind is a string value representing the REST resource this object represents.'),
};

/** Space, Account and their lists. */
export function tenancySchemas(ref: Ref): Record<string, Schema> {
  const subject = obj('Subject contains a reference to the object or user identities a role binding applies to.', {
    kind: str('Kind of object being referenced: "User", "Group" or "ServiceAccount".'),
    apiGroup: str('APIGroup holds the API group of the referenced subject: "rbac.authorization.k8s.io" for User and Group, empty for ServiceAccount.'),
    name: str('Name of the object being referenced.'),
    namespace: str('Namespace of the referenced object; only for ServiceAccount.'),
  }, ['kind', 'name']);
  const accountSpec = obj('AccountSpec defines a single account configuration', {
    space: ref(`${PREFIX}.AccountSpace`),
    subjects: { type: 'array', description: 'Subjects are the account users', items: ref(`${PREFIX}.Subject`) },
  });
  return {
    [`${PREFIX}.Space`]: {
      ...obj('Space is a view of a Namespace that belongs to an account.', {
        ...typeMeta,
        metadata: ref(`${META}.ObjectMeta`),
        spec: ref(`${PREFIX}.SpaceSpec`),
        status: ref(`${PREFIX}.SpaceStatus`),
      }),
      ...gvk('Space'),
    },
    [`${PREFIX}.SpaceSpec`]: obj('SpaceSpec defines the desired state of Space', {
      account: str('Account is the owning account of the space, this will be either filled automatically, if the requesting user is only part of a single account or has to be filled by the user.'),
      finalizers: strList('Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/'),
    }),
    [`${PREFIX}.SpaceStatus`]: obj('SpaceStatus defines the observed state of Space', {
      phase: str('Phase is the current lifecycle phase of the namespace: Active or Terminating.'),
    }),
    [`${PREFIX}.SpaceList`]: {
      ...obj('SpaceList is a list of Spaces.', { ...typeMeta, metadata: ref(`${META}.ListMeta`), items: { type: 'array', items: ref(`${PREFIX}.Space`) } }, ['items']),
      ...gvk('SpaceList'),
    },
    [`${PREFIX}.Account`]: {
      ...obj('Account is a config.kiosk.sh Account, seen by those it concerns.', {
        ...typeMeta,
        metadata: ref(`${META}.ObjectMeta`),
        spec: ref(`${PREFIX}.AccountSpec`),
        status: ref(`${PREFIX}.AccountStatus`),
      }),
      ...gvk('Account'),
    },
    [`${PREFIX}.AccountSpec`]: accountSpec,
    [`${PREFIX}.AccountSpace`]: obj('AccountSpace defines properties how many spaces can be owned by the account and how they should be created', {
      clusterRole: str('This defines the cluster role that will be used for the rolebinding when creating a new space for the selected subjects'),
      limit: { type: 'integer', format: 'int32', description: 'Limit defines how many spaces are allowed to be owned by this account. If no value is specified, unlimited spaces can be created by the account (if the users have the rights to create spaces)' },
      templateInstances: { type: 'array', description: 'TemplateInstances are templates that should be created by default in a newly created space by this account.', items: ref(`${PREFIX}.AccountTemplateInstanceTemplate`) },
      spaceTemplate: ref(`${PREFIX}.AccountSpaceTemplate`),
      deleteSpacesOnAccountDeletion: { type: 'boolean', description: 'Atrium: delete the account\'s spaces when the account is deleted (default: orphan them, as Kiosk did).' },
    }),
    [`${PREFIX}.AccountSpaceTemplate`]: obj('AccountSpaceTemplate defines a space template', {
      metadata: obj('The default metadata of the space to create', { labels: strMap('Labels forced onto every space of the account.'), annotations: strMap('Annotations forced onto every space of the account.') }),
    }),
    [`${PREFIX}.AccountTemplateInstanceTemplate`]: obj('AccountTemplateInstanceTemplate defines a template instance template', {
      metadata: obj('The metadata of the template instance to create', { name: str('Name of the TemplateInstance.'), labels: strMap('Labels.'), annotations: strMap('Annotations.') }),
      spec: obj('The spec of the template instance', {
        template: str('The template to instantiate. This is an immutable field'),
        sync: { type: 'boolean', description: 'If true the template instance will keep in sync with the template.' },
        parameters: { type: 'array', description: 'Parameters are key value pairs that will be substituted in the template.', items: obj('A template parameter value.', { name: str('Name of the parameter.'), value: str('Value of the parameter.') }, ['name']) },
      }, ['template']),
    }),
    [`${PREFIX}.Subject`]: subject,
    [`${PREFIX}.AccountStatus`]: obj('AccountStatus describes the current status of the account is the cluster', {
      namespaces: { type: 'array', items: obj('A space of the account.', { name: str('Name of the namespace.') }) },
    }),
    [`${PREFIX}.AccountList`]: {
      ...obj('AccountList is a list of Accounts.', { ...typeMeta, metadata: ref(`${META}.ListMeta`), items: { type: 'array', items: ref(`${PREFIX}.Account`) } }, ['items']),
      ...gvk('AccountList'),
    },
  };
}

/**
 * The meta/v1 types the v3 document references. The v2 document leaves them
 * out on purpose: the aggregator merges it into kube-apiserver's spec, which
 * has them, and a definition that differs from upstream's would be renamed.
 */
export function metaSchemas(ref: Ref): Record<string, Schema> {
  const time = { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.' };
  return {
    [`${META}.Time`]: time,
    [`${META}.FieldsV1`]: { type: 'object', description: 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.' },
    [`${META}.ObjectMeta`]: obj('ObjectMeta is metadata that all persisted resources must have.', {
      annotations: strMap('Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.'),
      creationTimestamp: ref(`${META}.Time`),
      deletionGracePeriodSeconds: { type: 'integer', format: 'int64', description: 'Number of seconds allowed for this object to gracefully terminate before it will be removed from the system.' },
      deletionTimestamp: ref(`${META}.Time`),
      finalizers: strList('Must be empty before the object is deleted from the registry.'),
      generateName: str('GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.'),
      generation: { type: 'integer', format: 'int64', description: 'A sequence number representing a specific generation of the desired state.' },
      labels: strMap('Map of string keys and values that can be used to organize and categorize (scope and select) objects.'),
      managedFields: { type: 'array', description: 'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.', items: ref(`${META}.ManagedFieldsEntry`) },
      name: str('Name must be unique within a namespace.'),
      namespace: str('Namespace defines the space within which each name must be unique; empty for cluster-scoped objects.'),
      ownerReferences: { type: 'array', description: 'List of objects depended by this object.', items: ref(`${META}.OwnerReference`) },
      resourceVersion: str('An opaque value that represents the internal version of this object.'),
      selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
      uid: str('UID is the unique in time and space value for this object.'),
    }),
    [`${META}.ListMeta`]: obj('ListMeta describes metadata that synthetic resources must have, including lists.', {
      continue: str('continue may be set if the user set a limit on the number of items returned.'),
      remainingItemCount: { type: 'integer', format: 'int64', description: 'The number of subsequent items in the list which are not included in this list response.' },
      resourceVersion: str('String that identifies the server\'s internal version of this object.'),
      selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
    }),
    [`${META}.ManagedFieldsEntry`]: obj('ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.', {
      apiVersion: str('APIVersion defines the version of this resource that this field set applies to.'),
      fieldsType: str('FieldsType is the discriminator for the different fields format and version.'),
      fieldsV1: ref(`${META}.FieldsV1`),
      manager: str('Manager is an identifier of the workflow managing these fields.'),
      operation: str('Operation is the type of operation which lead to this ManagedFieldsEntry being created.'),
      subresource: str('Subresource is the name of the subresource used to update that object.'),
      time: ref(`${META}.Time`),
    }),
    [`${META}.OwnerReference`]: obj('OwnerReference contains enough information to let you identify an owning object.', {
      apiVersion: str('API version of the referent.'),
      blockOwnerDeletion: { type: 'boolean', description: 'If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.' },
      controller: { type: 'boolean', description: 'If true, this reference points to the managing controller.' },
      kind: str('Kind of the referent.'),
      name: str('Name of the referent.'),
      uid: str('UID of the referent.'),
    }, ['apiVersion', 'kind', 'name', 'uid']),
    [`${META}.Status`]: obj('Status is a return value for calls that don\'t return other objects.', {
      ...typeMeta,
      code: { type: 'integer', format: 'int32', description: 'Suggested HTTP return code for this status, 0 if not set.' },
      details: ref(`${META}.StatusDetails`),
      message: str('A human-readable description of the status of this operation.'),
      metadata: ref(`${META}.ListMeta`),
      reason: str('A machine-readable description of why this operation is in the "Failure" status.'),
      status: str('Status of the operation. One of: "Success" or "Failure".'),
    }),
    [`${META}.StatusDetails`]: obj('StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response.', {
      causes: { type: 'array', items: ref(`${META}.StatusCause`) },
      group: str('The group attribute of the resource associated with the status StatusReason.'),
      kind: str('The kind attribute of the resource associated with the status StatusReason.'),
      name: str('The name attribute of the resource associated with the status StatusReason.'),
      retryAfterSeconds: { type: 'integer', format: 'int32' },
      uid: str('UID of the resource.'),
    }),
    [`${META}.StatusCause`]: obj('StatusCause provides more information about an api.Status failure.', {
      field: str('The field of the resource that has caused this error.'),
      message: str('A human-readable description of the cause of the error.'),
      reason: str('A machine-readable description of the cause of the error.'),
    }),
    [`${META}.DeleteOptions`]: obj('DeleteOptions may be provided when deleting an API object.', {
      ...typeMeta,
      dryRun: strList('When present, indicates that modifications should not be persisted.'),
      gracePeriodSeconds: { type: 'integer', format: 'int64' },
      orphanDependents: { type: 'boolean' },
      preconditions: ref(`${META}.Preconditions`),
      propagationPolicy: str('Whether and how garbage collection will be performed: Orphan, Background or Foreground.'),
    }),
    [`${META}.Preconditions`]: obj('Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.', {
      resourceVersion: str('Specifies the target ResourceVersion'),
      uid: str('Specifies the target UID.'),
    }),
    [`${META}.Patch`]: { type: 'object', description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.' },
    [`${META}.WatchEvent`]: obj('Event represents a single event to a watched resource.', {
      object: { type: 'object', description: 'Object is: * If Type is Added or Modified: the new state of the object. * If Type is Deleted: the state of the object immediately before deletion. * If Type is Error: *Status is recommended.' },
      type: str('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR'),
    }, ['type', 'object']),
  };
}
