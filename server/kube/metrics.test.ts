import { describe, expect, it } from 'vitest';
import { resourceOfPath } from './metrics';

describe('resourceOfPath', () => {
  it.each([
    ['/api/v1/pods', 'pods'],
    ['/api/v1/namespaces/team-a/pods/web-1', 'pods'],
    ['/api/v1/namespaces', 'namespaces'],
    ['/api/v1/namespaces/team-a', 'namespaces'],
    ['/apis/tenancy.kiosk.sh/v1alpha1/spaces', 'spaces.tenancy.kiosk.sh'],
    ['/apis/tenancy.kiosk.sh/v1alpha1/spaces/team-a?watch=true', 'spaces.tenancy.kiosk.sh'],
    ['/apis/config.kiosk.sh/v1alpha1/namespaces/s1/templateinstances', 'templateinstances.config.kiosk.sh'],
    ['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'selfsubjectaccessreviews.authorization.k8s.io'],
  ])('%s → %s', (path, want) => {
    expect(resourceOfPath(path)).toBe(want);
  });
});
