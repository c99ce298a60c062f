export * from './bodies';
export * from './card';
export * from './crypto';
export * from './protocol';
export * from './time';
