// The steps PayWithSavedCard only shows when the shopper asks for them (bind a new account, add a
// new card), loaded on demand: with them go the bank picker, the hosted-page dialog and the hooks'
// binding and card-registration flows, about a sixth of the checkout's first load.
export { AddCard } from '../AddCard/AddCard';
export { BindAccount } from '../BindAccount/BindAccount';
