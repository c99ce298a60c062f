/** The webview's strings, Indonesian and English. */
export type Lang = 'ID' | 'EN';

export interface Dictionary {
  htmlLang: string;
  sandboxHint: string;
  chooseBankTitle: string;
  chooseBankLegend: string;
  continue: string;
  accountTitle: string;
  accountNumber: string;
  accountNumberHint: string;
  cardExpiry: string;
  cardExpiryHint: string;
  otpTitle: string;
  otpLabel: string;
  otpSentTo: (phone: string) => string;
  verify: string;
  successTitle: string;
  successBody: string;
  failedTitle: string;
  expiredTitle: string;
  expiredBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  sessionEndsAt: (time: string) => string;
  errorSummary: string;
  errors: {
    bankRequired: string;
    accountNumber: string;
    cardExpiry: string;
    otpFormat: string;
    otpWrong: (attemptsLeft: number) => string;
  };
}

const SANDBOX_HINT = 'Sandbox — test OTP 123456';

export const DICTIONARIES: Record<Lang, Dictionary> = {
  ID: {
    htmlLang: 'id',
    sandboxHint: SANDBOX_HINT,
    chooseBankTitle: 'Hubungkan rekening bank',
    chooseBankLegend: 'Pilih bank Anda',
    continue: 'Lanjutkan',
    accountTitle: 'Data rekening',
    accountNumber: 'Nomor rekening atau kartu debit',
    accountNumberHint: '10 sampai 16 angka, tanpa spasi.',
    cardExpiry: 'Masa berlaku kartu',
    cardExpiryHint: 'Format BB/TT, contoh 08/29.',
    otpTitle: 'Verifikasi OTP',
    otpLabel: 'Kode OTP (6 angka)',
    otpSentTo: (phone) => `Kode dikirim lewat SMS ke ${phone}.`,
    verify: 'Verifikasi',
    successTitle: 'Rekening berhasil dihubungkan',
    successBody: 'Anda dapat kembali ke aplikasi merchant.',
    failedTitle: 'Rekening gagal dihubungkan',
    expiredTitle: 'Sesi telah berakhir',
    expiredBody: 'Waktu untuk menghubungkan rekening sudah habis. Silakan mulai lagi dari aplikasi merchant.',
    notFoundTitle: 'Sesi tidak ditemukan',
    notFoundBody: 'Tautan ini tidak valid.',
    sessionEndsAt: (time) => `Sesi berakhir pukul ${time} WIB.`,
    errorSummary: 'Periksa kembali isian Anda:',
    errors: {
      bankRequired: 'Pilih salah satu bank.',
      accountNumber: 'Masukkan 10 sampai 16 angka.',
      cardExpiry: 'Masukkan masa berlaku dengan format BB/TT.',
      otpFormat: 'Masukkan 6 angka kode OTP.',
      otpWrong: (n) => `Kode OTP salah. Sisa ${n} kali percobaan.`,
    },
  },
  EN: {
    htmlLang: 'en',
    sandboxHint: SANDBOX_HINT,
    chooseBankTitle: 'Link your bank account',
    chooseBankLegend: 'Choose your bank',
    continue: 'Continue',
    accountTitle: 'Account details',
    accountNumber: 'Account or debit card number',
    accountNumberHint: '10 to 16 digits, no spaces.',
    cardExpiry: 'Card expiry',
    cardExpiryHint: 'Format MM/YY, for example 08/29.',
    otpTitle: 'OTP verification',
    otpLabel: 'OTP code (6 digits)',
    otpSentTo: (phone) => `The code was sent by SMS to ${phone}.`,
    verify: 'Verify',
    successTitle: 'Account linked',
    successBody: 'You can return to the merchant app.',
    failedTitle: 'Account linking failed',
    expiredTitle: 'Session expired',
    expiredBody: 'The time to link your account has run out. Please start again from the merchant app.',
    notFoundTitle: 'Session not found',
    notFoundBody: 'This link is not valid.',
    sessionEndsAt: (time) => `The session ends at ${time} WIB.`,
    errorSummary: 'Please check your entries:',
    errors: {
      bankRequired: 'Choose a bank.',
      accountNumber: 'Enter 10 to 16 digits.',
      cardExpiry: 'Enter the expiry as MM/YY.',
      otpFormat: 'Enter the 6-digit OTP code.',
      otpWrong: (n) => `Wrong OTP code. ${n} attempt${n === 1 ? '' : 's'} left.`,
    },
  },
};
