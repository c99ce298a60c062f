export { BankPicker, type BankPickerProps } from './BankPicker';
