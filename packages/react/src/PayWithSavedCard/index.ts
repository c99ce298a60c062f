export { PayWithSavedCard, type PayWithSavedCardProps } from './PayWithSavedCard';
