import { describe, expect, it } from 'vitest';
import { isValidImageRef } from './image-ref.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('isValidImageRef', () => {
  it.each([
    ['alpine', true],
    ['alpine:3.20', true],
    ['library/alpine:3.20', true],
    ['localhost:5000/app', true],
    ['localhost:5000/app:1', true],
    ['registry.example.com/team/app:v1.2', true],
    [`alpine@${digest}`, true],
    [`alpine:3.20@${digest}`, true],
    ['', false],
    ['alpine:', false],
    ['Alpine', false],
    ['alpine:-bad', false],
    ['alpine@sha256:abc', false],
    ['alpine@', false],
    ['/alpine', false],
    ['bad_host.example.com:x/app', false],
  ])('%j is %s', (ref, valid) => {
    expect(isValidImageRef(ref)).toBe(valid);
  });
});
