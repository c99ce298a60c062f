// The OTP step PayWithSavedCard shows when the bank asks for a code, loaded on demand (the Pay
// button starts the load): with it go the OTP input and its words.
export { OtpStep } from '../internal/OtpStep';
