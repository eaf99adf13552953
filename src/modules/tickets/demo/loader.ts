import type { AppContext } from '../../../context.js';

export async function loadDemoContent(_ctx: AppContext): Promise<void> {}
