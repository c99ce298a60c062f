export * from './api';
export * from './banks';
export * from './errors';
export * from './flows';
export * from './money';
export * from './orderEvents';
export * from './staff';
