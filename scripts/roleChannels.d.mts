// The type of scripts/roleChannels.mjs, for the TypeScript configs that load it.
import type { Plugin } from 'vite';

export declare function roleChannels(): Plugin;
