import type { AyoMessages } from '../../i18n';

export const audit: AyoMessages['audit'] = {
  title: 'Jejak audit',
  intro: 'Setiap pengembalian dana, penagihan dan pembatalan, diterima atau ditolak; terbaru di atas.',
  loading: 'Memuat jejak audit…',
  loadError: 'Jejak audit tidak dapat dimuat.',
  empty: 'Belum ada pengembalian dana, penagihan atau pembatalan.',
  loaded: (n) => `${n} entri`,
  when: 'Waktu',
  who: 'Oleh',
  action: 'Tindakan',
  payment: 'Pembayaran',
  amount: 'Jumlah',
  result: 'Hasil',
  actions: { refund: 'Pengembalian dana', capture: 'Penagihan', void: 'Pembatalan penahanan' },
  accepted: 'Diterima',
  refused: 'Ditolak',
  server: 'Server toko',
  fullAmount: 'Seluruh sisa',
  heldAmount: 'Sebesar dana ditahan',
  noAmount: 'Tanpa jumlah',
  reason: (r) => `Alasan: ${r}`,
};
