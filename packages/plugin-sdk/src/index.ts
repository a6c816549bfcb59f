export { definePlugin, type Plugin } from './define-plugin.js';
export type { PluginConfigField, PluginConfigSchema, PluginSettings } from './plugin-config.js';
export type {
  ArtifactStore,
  BuildNotice,
  CommitStatusReport,
  Deployer,
  DeployRequest,
  DeployResult,
  ExtensionKind,
  Notifier,
  PluginContext,
  PluginExtension,
  StatusProviderExtension,
  StepType,
} from './plugin-interfaces.js';
