// @dockwright/ast runs in browsers: its types need nothing from Node.
import { parse, print } from '@dockwright/ast';

export const roundTrip: boolean = print(parse('FROM alpine:3.20\n')) === 'FROM alpine:3.20\n';
