import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '@/server/kube';
import { mergeOwnerReferences } from './merge-owner-references';

const ref = (uid: string, controller = false): OwnerReference => ({ apiVersion: 'v1', kind: 'X', name: uid, uid, controller, blockOwnerDeletion: false });
const managed = ['ti', 'tpl'];

describe('mergeOwnerReferences', () => {
  it.each<[string, OwnerReference[] | undefined, OwnerReference[], OwnerReference[]]>([
    ['adds ours to nothing', undefined, [ref('ti', true)], [ref('ti', true)]],
    ['keeps others and replaces ours', [ref('other'), ref('ti', false)], [ref('ti', true)], [ref('other'), ref('ti', true)]],
    ['removes ours when none are wanted (no-owner)', [ref('other'), ref('tpl', true)], [], [ref('other')]],
    ['yields the controller role to another controller', [ref('other', true)], [ref('ti', true)], [ref('other', true), ref('ti', false)]],
    ['does not duplicate a reference the template itself sets', [ref('extra')], [ref('extra'), ref('ti', true)], [ref('extra'), ref('ti', true)]],
  ])('%s', (_, live, wanted, expected) => {
    expect(mergeOwnerReferences(live, wanted, managed)).toEqual(expected);
  });
});
