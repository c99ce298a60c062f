export * from './banks';
export * from './money';
