export * from './bodies';
export * from './crypto';
export * from './protocol';
export * from './time';
