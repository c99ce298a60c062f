import { currentLocale } from '@/lib/request';
import { SHOPPERS } from '@/lib/session';
import { signIn } from './actions';

/** The demo shoppers' sign-in: one button each (a real shop has its own accounts). */
export async function SignIn() {
  const { t } = await currentLocale();
  return (
    <section aria-labelledby="sign-in-title" className="panel">
      <h2 id="sign-in-title">{t.signInTitle}</h2>
      <p>{t.signInHelp}</p>
      <form action={signIn} className="choices">
        {SHOPPERS.map((s) => (
          <button key={s.id} type="submit" name="shopperId" value={s.id} className="button">
            {t.signInAs(s.name)}
          </button>
        ))}
      </form>
    </section>
  );
}
