import { currentLocale, currentShopper } from '@/lib/request';
import { SignIn } from '../SignIn';
import { PaymentMethods } from './PaymentMethods';

export default async function AccountPage() {
  const { locale, t } = await currentLocale();
  const shopper = await currentShopper();
  return (
    <>
      <h1>{t.paymentMethodsTitle}</h1>
      {shopper ? (
        <>
          <p>{t.paymentMethodsHelp}</p>
          <PaymentMethods locale={locale} />
        </>
      ) : (
        <SignIn />
      )}
    </>
  );
}
