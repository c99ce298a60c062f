import type { AyoMessages } from '../../i18n';

export const otp: AyoMessages['otp'] = {
  label: 'Kode OTP',
  hint: 'Masukkan 6 digit kode dari SMS bank Anda.',
  attemptsLeft: (n) => `Sisa ${n} kali percobaan.`,
  noAttemptsLeft: 'Tidak ada percobaan tersisa.',
  resend: 'Kirim ulang kode',
  resendIn: (clock) => `Kirim ulang kode dalam ${clock}`,
  resendReady: 'Anda sekarang dapat meminta kode baru.',
  resent: 'Kode baru telah dikirim.',
  complete: 'Kode lengkap.',
  resendsLeft: (n) => `Bisa kirim ulang ${n} kali lagi.`,
  noResendsLeft: 'Kode tidak dapat dikirim ulang lagi.',
  resending: 'Mengirim kode baru…',
  noResend: 'Kode baru tidak bisa dikirim. Tunggu SMS, atau batalkan dan mulai lagi.',
};
