import path from 'node:path';
import { kubectlApply } from './atrium';
import { root } from './paths';

const fixture = (name: string) => path.join(root, 'e2e/fixtures/walkthrough', name);

/**
 * The walkthrough's admin objects in their final form, for the demo: dev's
 * node-account (space limit 2) with its AccountQuota, dba's redis-account with
 * the mandatory LimitRange template, and the kiosk-edit binding for both.
 * Spaces are left to the tenants. kubectl apply: running it again changes nothing.
 * The tests never call this; they create these objects themselves.
 */
export async function seedWalkthrough(): Promise<void> {
  await kubectlApply([
    fixture('template-definition.yml'), // before the account that makes it mandatory
    fixture('node-account-limit.yml'),
    fixture('redis-account-template.yml'),
    fixture('cluster-role-binding.yml'),
    fixture('node-quota.yml'),
  ]);
}
