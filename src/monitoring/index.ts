export * from './alarm-options';
export * from './channel-props';
export * from './monitoring';
