import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadComputeFile, parseCompute, validateCompute } from './compute.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/compute/${name}`, import.meta.url));
const parse = (text: string) => parseCompute(text, { file: 'compute.yml' });
const errorOf = (text: string): string => expectInvalidSpec(() => parse(text)).message;

describe('loadComputeFile with Azure examples (Azure/azureml-examples cli/resources/compute)', () => {
  it('reads a basic cluster, warning at each field that describes Azure machines', async () => {
    const file = fixture('cluster-basic.yml');
    const { spec, warnings } = await loadComputeFile(file);
    assert.deepEqual(spec, {
      $schema: 'https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json',
      name: 'basic-example',
      type: 'amlcompute',
      size: 'STANDARD_DS3_v2',
      min_instances: 0,
      max_instances: 2,
      idle_time_before_scale_down: 120,
    });
    const notApplied = "recorded, not applied: 'basic-example' runs its jobs as local processes";
    assert.deepEqual(warnings, [`${file}:4:1: size: ${notApplied}`, `${file}:5:1: min_instances: ${notApplied}`, `${file}:7:1: idle_time_before_scale_down: ${notApplied}`]);
  });

  it('gives a minimal cluster one instance, as Azure does, without warnings', async () => {
    const { spec, warnings } = await loadComputeFile(fixture('cluster-minimal.yml'));
    assert.equal(spec.max_instances, 1);
    assert.deepEqual(warnings, []);
  });

  it('accepts tier, location, identity, SSH and network settings, each reported as not applied', async () => {
    const { spec, warnings } = await loadComputeFile(fixture('cluster-ssh-password.yml'));
    assert.equal(spec.tier, 'low_priority');
    assert.deepEqual(spec.ssh_settings, { admin_username: 'example-user', admin_password: 'example-password' });
    const fields = warnings.map((w) => w.split(': ')[1]);
    assert.deepEqual(fields, ['size', 'min_instances', 'idle_time_before_scale_down', 'tier', 'location', 'identity', 'ssh_public_access_enabled', 'ssh_settings', 'network_settings']);
  });
});

describe('parseCompute with bad input', () => {
  it('reports a type other than amlcompute', () => {
    assert.equal(errorOf('name: ci\ntype: computeinstance\n'), 'compute.yml:2:7: type: expected one of: amlcompute, got the string "computeinstance"');
  });

  it('reports max_instances below one or beyond what the store holds, and min_instances that is not a whole number', () => {
    assert.match(errorOf('name: c1\ntype: amlcompute\nmax_instances: 0\n'), /^compute\.yml:3:16: max_instances: /);
    assert.match(errorOf('name: c1\ntype: amlcompute\nmax_instances: 1000000000000\n'), /^compute\.yml:3:16: max_instances: /);
    assert.match(errorOf('name: c1\ntype: amlcompute\nmin_instances: 0.5\n'), /^compute\.yml:3:16: min_instances: /);
  });

  it("reports a name Azure would refuse and an unknown field, naming Azure's rule and the allowed fields", () => {
    assert.match(errorOf('name: 1cluster\ntype: amlcompute\n'), /^compute\.yml:1:7: name: .*starting with a letter/);
    assert.match(errorOf('name: c1\ntype: amlcompute\nmax_nodes: 3\n'), /^compute\.yml:3:1: max_nodes: unknown field 'max_nodes'; allowed fields: .*max_instances/);
  });

  it('validates a REST body with the same rules, naming the field under the body', () => {
    assert.equal(validateCompute({ name: 'c1', type: 'AmlCompute', max_instances: 3 }).spec.type, 'amlcompute');
    assert.throws(() => validateCompute({ name: 'c1', type: 'amlcompute', max_instances: 'two' }), /request body: max_instances: /);
  });
});
