import type { AyoMessages } from '../../i18n';

export const card: AyoMessages['card'] = {
  brands: { visa: 'Visa', mastercard: 'Mastercard', jcb: 'JCB' },
  title: 'Tambah kartu kredit atau debit',
  intro:
    'Anda mengisi nomor kartu di halaman aman mitra pembayaran kami; nomor kartu tidak pernah melewati toko ini.',
  add: 'Tambah kartu',
  creating: 'Membuka halaman kartu yang aman…',
  dialogTitle: 'Isi detail kartu Anda',
  pageTitle: 'Halaman kartu yang aman',
  continueInWindow: 'Lanjutkan di jendela halaman kartu',
  windowHint: 'Isi detail kartu (dan kode 3-D Secure bila diminta) di jendela itu, lalu kembali ke sini.',
  popupBlocked: 'Browser Anda memblokir jendela halaman kartu.',
  popupClosed: 'Jendela halaman kartu telah ditutup.',
  reopen: 'Buka halaman kartu',
  redirecting: 'Mengarahkan Anda ke halaman kartu…',
  verifying: 'Memeriksa kartu Anda…',
  added: (card) => `${card} berhasil ditambahkan.`,
  failedTitle: 'Kartu tidak dapat ditambahkan',
  authFailedTitle: 'Verifikasi 3-D Secure tidak selesai',
  expired: 'Halaman kartu kedaluwarsa sebelum selesai.',
  stillProcessing: 'Kami belum menerima jawaban. Halaman ini akan diperbarui begitu ada jawaban.',
  checkAgain: 'Periksa lagi',
  declines: {
    PAYMENT_DECLINED: 'Bank penerbit menolak kartu ini. Coba kartu lain atau hubungi bank Anda.',
    INSUFFICIENT_FUNDS: 'Limit atau saldo kartu tidak cukup. Coba kartu lain.',
    CARD_EXPIRED: 'Kartu ini sudah kedaluwarsa. Tambahkan kartu baru atau pilih kartu lain.',
    INSTRUMENT_NOT_ACTIVE: 'Kartu ini tidak bisa dipakai untuk membayar. Pilih kartu lain.',
  },
};
