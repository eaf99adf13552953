import type { Module } from '../module.js';

export const portalModule: Module = {
  name: 'portal',
  register() {},
};
