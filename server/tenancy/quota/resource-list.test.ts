import { describe, expect, it } from 'vitest';
import {
  addResources, equalResources, formatResourceList, lessThanOrEqual, maskResources, maxResources, parseResourceList, positiveResources,
  prettyPrint, removeZeros, subtractResources, subtractResourcesNonNegative,
} from './resource-list';

const rl = (o: Record<string, string | number>) => parseResourceList(o);
const text = formatResourceList;

describe('parseResourceList / formatResourceList', () => {
  it.each([
    [{ pods: '2', 'limits.cpu': 4 }, { pods: '2', 'limits.cpu': '4' }],
    [{ 'requests.memory': '1.5Gi', cpu: '0.5' }, { 'requests.memory': '1536Mi', cpu: '500m' }],
    [{}, {}],
  ])('%j', (input, want) => {
    expect(text(rl(input))).toEqual(want);
  });

  it('names the resource whose quantity does not parse', () => {
    expect(() => rl({ pods: '2', cpu: 'lots' })).toThrow(/^cpu: quantities must match/);
  });
});

describe('addResources / subtractResources', () => {
  it.each([
    [{ pods: '1', cpu: '500m' }, { pods: '2', memory: '1Gi' }, { pods: '3', cpu: '500m', memory: '1Gi' }, { pods: '-1', cpu: '500m', memory: '-1Gi' }],
    [{}, { pods: '1' }, { pods: '1' }, { pods: '-1' }],
    [{ 'limits.cpu': '4' }, { 'limits.cpu': '2' }, { 'limits.cpu': '6' }, { 'limits.cpu': '2' }],
  ])('%j and %j', (a, b, sum, diff) => {
    expect(text(addResources(rl(a), rl(b)))).toEqual(sum);
    expect(text(subtractResources(rl(a), rl(b)))).toEqual(diff);
  });
});

describe('subtractResourcesNonNegative', () => {
  it.each([
    [{ 'services.nodeports': '2', services: '1' }, { 'services.nodeports': '3', services: '1' }, { 'services.nodeports': '0', services: '0' }],
    [{ 'requests.storage': '10Gi' }, { 'requests.storage': '5Gi' }, { 'requests.storage': '5Gi' }],
    [{}, { pods: '1' }, { pods: '0' }],
  ])('%j - %j', (a, b, want) => {
    expect(text(subtractResourcesNonNegative(rl(a), rl(b)))).toEqual(want);
  });
});

describe('maskResources / removeZeros / positiveResources', () => {
  it.each([
    [{ pods: '1', cpu: '0', memory: '-1Gi' }, ['pods', 'memory', 'x'], { pods: '1', memory: '-1Gi' }, { pods: '1', memory: '-1Gi' }, { pods: '1' }],
    [{ pods: '0' }, ['cpu'], {}, {}, {}],
  ])('%j', (input, names, masked, nonZero, positive) => {
    expect(text(maskResources(rl(input), names))).toEqual(masked);
    expect(text(removeZeros(rl(input)))).toEqual(nonZero);
    expect(text(positiveResources(rl(input)))).toEqual(positive);
  });
});

describe('maxResources', () => {
  it.each([
    [{ cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '512Mi', 'hugepages-2Mi': '2Mi' }, { cpu: '2', memory: '1Gi', 'hugepages-2Mi': '2Mi' }],
    // an equal value does not replace the first one's format
    [{ cpu: '1000m' }, { cpu: '1' }, { cpu: '1' }],
  ])('%j, %j', (a, b, want) => {
    expect(text(maxResources(rl(a), rl(b)))).toEqual(want);
  });
});

describe('lessThanOrEqual', () => {
  it.each([
    [{ pods: '2', 'limits.cpu': '4' }, { pods: '2', 'limits.cpu': '4' }, { ok: true, exceeded: [] }],
    [{ pods: '3', 'limits.cpu': '4001m' }, { pods: '2', 'limits.cpu': '4' }, { ok: false, exceeded: ['limits.cpu', 'pods'] }],
    [{ memory: '10Gi' }, { pods: '1' }, { ok: true, exceeded: [] }],
  ])('%j ≤ %j', (usage, limit, want) => {
    expect(lessThanOrEqual(rl(usage), rl(limit))).toEqual(want);
  });
});

describe('equalResources', () => {
  it.each([
    [{ cpu: '2k' }, { cpu: '2000' }, true],
    [{ cpu: '1' }, { cpu: '1', pods: '0' }, false],
    [{ cpu: '1' }, { cpu: '2' }, false],
    [{}, {}, true],
  ])('%j = %j', (a, b, want) => {
    expect(equalResources(rl(a), rl(b))).toBe(want);
  });
});

describe('prettyPrint', () => {
  it.each([
    [{ pods: '1', 'limits.cpu': '2' }, 'limits.cpu=2,pods=1'],
    [{ 'requests.memory': '1536Mi', 'count/deployments.apps': '3' }, 'count/deployments.apps=3,requests.memory=1536Mi'],
    [{}, ''],
  ])('%j', (input, want) => {
    expect(prettyPrint(rl(input))).toBe(want);
  });
});
