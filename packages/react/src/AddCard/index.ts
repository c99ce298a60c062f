export { AddCard, type AddCardProps } from './AddCard';
