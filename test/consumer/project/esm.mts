// Type-checked as an ES module under module node16 and nodenext (and as bundler code).
import { parse, print } from '@dockwright/ast';
import { lint } from '@dockwright/lint';
import { dockerfile } from '@dockwright/sdk';

const tree = parse('FROM alpine:3.20\n');
const text: string = print(tree);
const ruleIds: string[] = lint(text).map((finding) => finding.ruleId);
const built: string = dockerfile().from('alpine:3.20').user('nobody').toString();

// @ts-expect-error an instruction before FROM does not compile
dockerfile().run('echo no FROM yet');

export { built, ruleIds };
