import type { AyoMessages } from '../../i18n';

export const status: AyoMessages['status'] = {
  title: 'Status pembayaran',
  loading: 'Memuat pembayaran…',
  loadError: 'Pembayaran tidak dapat dimuat.',
  actionsLoadError: 'Tindakan untuk pembayaran ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.',
  amount: 'Jumlah',
  date: 'Tanggal',
  order: 'Pesanan',
  customer: 'Pelanggan',
  refunded: 'Dikembalikan',
  states: {
    processing: 'Diproses',
    requiresOtp: 'Menunggu OTP',
    succeeded: 'Berhasil',
    failed: 'Gagal',
    refunded: 'Dikembalikan',
    partiallyRefunded: 'Dikembalikan sebagian',
    authorized: 'Dana ditahan',
    captured: 'Ditagih',
    voided: 'Dibatalkan',
    expiredHold: 'Penahanan kedaluwarsa',
  },
  authorizedAmount: 'Ditahan',
  capturedAmount: 'Ditagih',
  holdExpires: 'Penahanan berakhir',
  holdExpiredBody: 'Penahanan dana berakhir sebelum ditagih; pembeli tidak ditagih.',
};
