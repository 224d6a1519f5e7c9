/**
 * @module scenario
 * Scenario files (YAML or JSON, shared/spec/scenarios.md §3) to a validated Timeline sorted by
 * date. Every problem is reported with file, line and field; nothing of a rejected file is used.
 * @example
 * import { loadScenario } from './scenario/index.js';
 * const scenario = loadScenario(text, 'crisis.yaml', corpus);
 */
export { loadScenario } from './load-scenario.js';
export type { Expectation, Scenario } from './scenario.js';
export type { ScenarioDraft } from './write-scenario.js';
export { scenarioYaml } from './write-scenario.js';
