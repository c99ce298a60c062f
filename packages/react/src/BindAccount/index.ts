export { BindAccount, type BindAccountProps } from './BindAccount';
