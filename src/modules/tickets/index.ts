import type { Module } from '../module.js';

export const ticketsModule: Module = {
  name: 'tickets',
  register() {},
};
