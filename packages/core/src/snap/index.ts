export * from './bodies';
export * from './card';
export * from './crypto';
export * from './http';
export * from './profile';
export * from './protocol';
export * from './runtime';
export * from './time';
