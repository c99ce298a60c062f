import { currentLocale, currentStaff } from '@/lib/request';
import { STAFF } from '@/lib/session';
import { staffSignIn, staffSignOut } from '../actions';
import { StaffDesk } from './StaffDesk';

/** Staff only, on their own sign-in (never the shopper's): the proxy's staff API checks `authorizeStaff`. */
export default async function BackOfficePage() {
  const { locale, t } = await currentLocale();
  const staff = await currentStaff();
  if (!staff) {
    return (
      <>
        <h1>{t.backOfficeTitle}</h1>
        <p>{t.staffOnly}</p>
        <section aria-labelledby="staff-sign-in-title" className="panel">
          <h2 id="staff-sign-in-title">{t.staffSignInTitle}</h2>
          <form action={staffSignIn} className="choices">
            {STAFF.map((s) => (
              <button key={s.id} type="submit" name="staffId" value={s.id} className="button">
                {t.signInAs(s.name)} ({s.roles.map((r) => t.staffRoles[r]).join(', ')})
              </button>
            ))}
          </form>
        </section>
      </>
    );
  }
  return (
    <>
      <h1>{t.backOfficeTitle}</h1>
      <form action={staffSignOut} className="who panel">
        <span>
          {t.signedInAs(staff.name)}. {t.yourRoles}: {staff.roles.map((r) => t.staffRoles[r]).join(', ')}
        </span>
        <button type="submit" className="button button--secondary">
          {t.signOut}
        </button>
      </form>
      <StaffDesk locale={locale} />
    </>
  );
}
