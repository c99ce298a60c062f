export * from './bodies';
export * from './card';
export * from './crypto';
export * from './profile';
export * from './protocol';
export * from './time';
