// The treaty web's rule lives in the engine's analyses, shared with the exports: one reading of which treaty links whom.
// `.js`: test/treaty-web-status.test.ts imports this file under NodeNext resolution.
export * from '../../src/analysis/treaty-web.js';
