import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadEnvironmentFile, parseEnvironment, validateEnvironment } from './environment.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/environment/${name}`, import.meta.url));
const SCHEMA = 'https://azuremlschemas.azureedge.net/latest/environment.schema.json';
const parse = (text: string) => parseEnvironment(text, { file: 'env.yml' });
const errorOf = (text: string): string => expectInvalidSpec(() => parse(text)).message;

describe('loadEnvironmentFile with Azure examples (Azure/azureml-examples cli/assets/environment)', () => {
  it('reads an image and fills os_type linux', async () => {
    const { spec, warnings } = await loadEnvironmentFile(fixture('docker-image.yml'));
    assert.deepEqual(spec, {
      $schema: SCHEMA,
      name: 'docker-image-example',
      description: 'Environment created from a Docker image.',
      image: 'pytorch/pytorch:latest',
      os_type: 'linux',
    });
    assert.deepEqual(warnings, []);
  });

  it('reads an image with a conda file', async () => {
    const { spec } = await loadEnvironmentFile(fixture('docker-image-plus-conda.yml'));
    assert.equal(spec.image, 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04');
    assert.equal(spec.conda_file, 'conda-yamls/pydata.yml');
  });

  it('reads a build context and fills dockerfile_path', async () => {
    const { spec } = await loadEnvironmentFile(fixture('docker-context.yml'));
    assert.deepEqual(spec.build, { path: 'docker-contexts/python-and-pip', dockerfile_path: 'Dockerfile' });
  });
});

describe('parseEnvironment', () => {
  it('accepts an inline conda file, warning about keys conda does not document', () => {
    const text = ['name: e', 'image: python:3.11', 'conda_file:', '  channels: [conda-forge]', '  dependencies:', '    - python=3.11', '    - pip:', '      - numpy', '  build_number: 1', ''].join(
      '\n',
    );
    const { spec, warnings } = parse(text);
    assert.deepEqual(spec.conda_file, { channels: ['conda-forge'], dependencies: ['python=3.11', { pip: ['numpy'] }] });
    assert.deepEqual(warnings, ["env.yml:9:3: conda_file.build_number: unknown setting 'build_number' is ignored"]);
  });

  it('accepts a conda file alone, a Lathe extension for runtimes without a container', () => {
    assert.equal(parse('name: e\nconda_file: conda.yml\n').spec.conda_file, 'conda.yml');
  });

  it('accepts inference routes and a version written as a number', () => {
    const text = 'name: e\nversion: 1.0\nimage: python\ninference_config:\n  scoring_route: {path: /score, port: 5001}\n  liveness_route: {path: /, port: 5001}\n';
    const { spec } = parse(text);
    assert.equal(spec.version, '1.0');
    assert.deepEqual(spec.inference_config?.scoring_route, { path: '/score', port: 5001 });
  });
});

describe('parseEnvironment with bad input', () => {
  it('reports an environment with no runtime at the document', () => {
    assert.equal(errorOf('name: e\ndescription: nothing\n'), 'env.yml:1:1: image: an environment needs image (a container image), build (a Docker build context) or conda_file; none is given');
  });

  it('reports image and conda_file given together with build', () => {
    assert.equal(
      errorOf('name: e\nimage: python\nbuild:\n  path: ctx\nconda_file: c.yml\n'),
      '2 problems:\nenv.yml:2:1: image: image and build cannot both be given: the build context makes the image\n' +
        'env.yml:5:1: conda_file: conda_file cannot be used with build: install dependencies in the Dockerfile',
    );
  });

  it('reports an unknown os_type and a port that is not a number', () => {
    assert.equal(
      errorOf('name: e\nimage: python\nos_type: macos\ninference_config:\n  scoring_route:\n    path: /score\n    port: http\n'),
      '2 problems:\nenv.yml:3:10: os_type: expected one of: linux, windows, got the string "macos"\n' +
        'env.yml:7:11: inference_config.scoring_route.port: expected an integer from 1 to 65535, got the string "http"',
    );
  });

  it('reports a conda dependency that is neither a package nor a pip list', () => {
    assert.equal(
      errorOf('name: e\nimage: python\nconda_file:\n  dependencies:\n    - python=3.10\n    - 42\n'),
      'env.yml:6:7: conda_file.dependencies[1]: expected a string or a mapping, got number 42',
    );
  });

  it('names the field path under the source for a REST body', () => {
    const error = expectInvalidSpec(() => validateEnvironment({ name: 'e', build: { dockerfile_path: 'Dockerfile' } }, 'spec'));
    assert.equal(error.message, "spec: build.path: required field 'path' is missing");
  });
});
