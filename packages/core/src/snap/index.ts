export * from './crypto';
export * from './protocol';
export * from './time';
export * from './bodies';
