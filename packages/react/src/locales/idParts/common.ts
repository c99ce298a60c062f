import type { AyoMessages } from '../../i18n';

export const common: AyoMessages['common'] = {
  loading: 'Memuat…',
  retry: 'Coba lagi',
  cancel: 'Batal',
  close: 'Tutup',
  tryAgain: 'Coba lagi',
  back: 'Kembali',
  continue: 'Lanjutkan',
  confirm: 'Konfirmasi',
  timeLeft: (clock) => `Sisa waktu ${clock}`,
  minutesLeft: (m) => `Sisa waktu ${m} menit`,
};
