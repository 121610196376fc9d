import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, main } from './main.js';

/** Runs `lathe <argv>` in-process; no command here reaches a server. */
async function lathe(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('lathe help and usage errors', () => {
  it("every command's --help describes every flag it takes", async () => {
    for (const command of COMMANDS) {
      const { code, out } = await lathe(...command.name.split(' '), '--help');
      assert.equal(code, 0, command.name);
      assert.match(out, new RegExp(`^Usage: lathe ${command.name}`, 'm'));
      for (const [flag, spec] of Object.entries(command.options)) {
        const line = out.split('\n').find((l) => new RegExp(`--${flag}( |$)`).test(l) && l.trimStart().startsWith('-'));
        assert.ok(line?.endsWith(`  ${spec.description}`), `${command.name} --${flag}: ${line ?? 'not listed'}`);
        assert.ok(spec.description.length > 3, `${command.name} --${flag} has a description`);
      }
    }
  });

  it("lathe <group> and lathe <group> --help list the group's verbs", async () => {
    for (const argv of [['job'], ['job', '--help'], ['datastore', '-h']]) {
      const { code, out } = await lathe(...argv);
      assert.equal(code, 0);
      const group = argv[0] as string;
      for (const command of COMMANDS.filter((c) => c.name.startsWith(`${group} `))) assert.ok(out.includes(`lathe ${command.name}  `), `${command.name} in ${out}`);
      assert.doesNotMatch(out, /lathe server start/);
    }
  });

  it('an unknown flag gets one line naming it and the closest valid flag', async () => {
    const { code, out, err } = await lathe('job', 'list', '--stauts', 'Failed');
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.equal(err, 'Error: unknown flag --stauts for lathe job list; did you mean --status?\n');
  });

  it('an unknown verb or group names the closest known one', async () => {
    const verb = await lathe('job', 'lsit');
    assert.equal(verb.code, 2);
    assert.match(verb.err, /^Error: unknown command 'lathe job lsit'; did you mean lathe job list\?/);
    const group = await lathe('jbo', 'list');
    assert.equal(group.code, 2);
    assert.match(group.err, /^Error: unknown command group 'jbo'; did you mean lathe job\?/);
  });

  it('a stray positional argument is a usage error', async () => {
    const { code, err } = await lathe('job', 'create', '--file', 'job.yml', '--set', 'a=1', '--stream', 'b=2');
    assert.equal(code, 2);
    assert.match(err, /unexpected argument 'b=2'/);
  });
});
