export { SavedCardList, type SavedCardListProps } from './SavedCardList';
