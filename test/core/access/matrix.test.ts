/**
 * Every registered command × every level (issue 12): the registry's declared needs refuse and
 * permit exactly what the matrix (matrix.ts) says, with E_FORBIDDEN naming the missing right or
 * level and the directory; and the walk catches a check taken out of the registry.
 */

import { describe, expect, it } from 'vitest';
import { anyone, onDirectory } from '../../../core/access/needs.js';
import type { Command } from '../../../core/app/command.js';
import { commands } from '../../../core/app/registry.js';
import { walkMatrix } from './matrix.js';

describe('the command × right matrix', () => {
  it('refuses and permits every registered command exactly as its rights say', async () => {
    const { problems, runs } = await walkMatrix(commands);
    expect(problems).toEqual([]);
    expect(runs).toBeGreaterThan(commands.size * 3);
  }, 240_000);

  it('fails when a check is removed from the registry, or a command is registered without its row', async () => {
    const tampered = new Map<string, Command>(commands);
    // The check of record.create taken away, record.update's ownership check taken away, and a new command.
    tampered.set('record.create', { ...commands.get('record.create')!, access: anyone('tampered') });
    tampered.set('record.update', { ...commands.get('record.update')!, access: onDirectory('edit', (i) => i.directory) });
    tampered.set('record.touch', { ...commands.get('record.get')!, name: 'record.touch' });
    const only = new Map([...tampered].filter(([name]) => ['record.create', 'record.update', 'record.touch'].includes(name)));
    const { problems } = await walkMatrix(only, { partial: true });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^record\.create .*: allowed without add on products \(ok\)$/),
        expect.stringMatching(/^record\.update .*"Acme".*: refused with exactly its needs/),
        'record.touch: not in the matrix — declare what it needs',
      ]),
    );
    expect(problems.filter((p) => p.startsWith('record.create')).length).toBeGreaterThan(0);
  }, 120_000);
});
