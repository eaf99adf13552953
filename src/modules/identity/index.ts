import type { Module } from '../module.js';

export const identityModule: Module = {
  name: 'identity',
  register() {},
};
