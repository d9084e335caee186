// Type-checked as a CommonJS module under module node16 and nodenext: the imports below become
// require() calls and resolve to the CommonJS build's types.
import { parse, print } from '@dockwright/ast';
import { lint } from '@dockwright/lint';
import { dockerfile } from '@dockwright/sdk';

const text: string = print(parse('FROM alpine:3.20\n'));
const ruleIds: string[] = lint(text).map((finding) => finding.ruleId);
const built: string = dockerfile().from('alpine:3.20').user('nobody').toString();

// @ts-expect-error an instruction before FROM does not compile
dockerfile().run('echo no FROM yet');

export = { built, ruleIds };
