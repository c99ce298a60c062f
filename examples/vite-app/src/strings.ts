import { type Locale, ShopError } from './shop';

const en = {
  shopName: 'Example Shop',
  language: 'Language',
  signInTitle: 'Sign in',
  signInText: 'This example signs you in as its demo shopper.',
  signInAs: (name: string) => `Sign in as ${name}`,
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  cart: 'Your cart',
  quantity: (product: string) => `Quantity of ${product}`,
  checkout: 'Check out',
  emptyCart: 'Choose at least one item.',
  invalidCart: 'Each item can be ordered 1 to 9 times.',
  failed: 'Something went wrong. Please try again.',
  payment: 'Payment',
  paid: (orderId: string) => `Thank you! Order ${orderId} is paid.`,
  accounts: 'Your bank accounts',
  loading: 'Loading…',
};

const id: typeof en = {
  shopName: 'Toko Contoh',
  language: 'Bahasa',
  signInTitle: 'Masuk',
  signInText: 'Contoh ini memasukkan Anda sebagai pembeli demonya.',
  signInAs: (name) => `Masuk sebagai ${name}`,
  signedInAs: (name) => `Anda masuk sebagai ${name}`,
  signOut: 'Keluar',
  cart: 'Keranjang Anda',
  quantity: (product) => `Jumlah ${product}`,
  checkout: 'Bayar sekarang',
  emptyCart: 'Pilih minimal satu barang.',
  invalidCart: 'Setiap barang bisa dipesan 1 sampai 9 kali.',
  failed: 'Terjadi kesalahan. Silakan coba lagi.',
  payment: 'Pembayaran',
  paid: (orderId) => `Terima kasih! Pesanan ${orderId} sudah dibayar.`,
  accounts: 'Rekening bank Anda',
  loading: 'Memuat…',
};

export const strings: Record<Locale, typeof en> = { en, id };

/** The shop's own words for what its backend refused (its messages are for developers). */
export function errorText(t: typeof en, error: Error | null): string {
  if (!error) return '';
  return error instanceof ShopError && error.code === 'INVALID_CART' ? t.invalidCart : t.failed;
}

export function formatIdr(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-US', {
    style: 'currency',
    currency: 'IDR',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  }).format(amount);
}
