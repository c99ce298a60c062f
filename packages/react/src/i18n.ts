import type { AuditAction, CardBrandId, Failure, Locale, RebindingRule } from '@ayokit/core';
import { useAyoContext } from '@ayokit/hooks';
import { type MessageOverrides, type PartialMessages, withOverrides } from './overrides';

export type FailureCode = Failure['code'];

/** What a list of saved instruments holds: bank accounts, cards, or both. */
export type ListedKinds = 'accounts' | 'cards' | 'both';

/**
 * Every word the components show, in Bahasa Indonesia and English. Functions take the values
 * they interpolate; amounts arrive already formatted (IDR through Intl).
 */
export interface AyoMessages {
  common: {
    loading: string;
    retry: string;
    cancel: string;
    close: string;
    tryAgain: string;
    back: string;
    continue: string;
    confirm: string;
    timeLeft: (clock: string) => string;
    minutesLeft: (minutes: number) => string;
  };
  banks: {
    legend: string;
    loading: string;
    loaded: (count: number) => string;
    loadError: string;
    paymentOtp: string;
    otpAlways: string;
    otpAbove: (amount: string) => string;
    unbindingOtp: string;
    unbindingOtpYes: string;
    unbindingOtpNo: string;
    rebindingLabel: string;
    rebinding: Record<RebindingRule, string>;
    unavailable: Record<'ONE_ACCOUNT_PER_USER', string>;
  };
  otp: {
    label: string;
    hint: string;
    attemptsLeft: (n: number) => string;
    noAttemptsLeft: string;
    resend: string;
    resendIn: (clock: string) => string;
    resendReady: string;
    resent: string;
    complete: string;
    resendsLeft: (n: number) => string;
    noResendsLeft: string;
    resending: string;
    /** Instead of "resend" when the provider has no resend API. */
    noResend: string;
  };
  savedCards: {
    /** The list's legend or heading, by what it lists: bank accounts, cards, or both. */
    legend: Record<ListedKinds, string>;
    loading: Record<ListedKinds, string>;
    loadError: Record<ListedKinds, string>;
    empty: Record<ListedKinds, string>;
    endingIn: (last4: string) => string;
    badgeDefault: string;
    badgeExpired: string;
    badgeExpiring: string;
    badgeBlocked: string;
    setDefault: string;
    setDefaultFor: (account: string) => string;
    defaultSet: (account: string) => string;
    remove: string;
    removeFor: (account: string) => string;
    confirmTitle: (account: string) => string;
    confirmBody: string;
    confirmRemove: string;
    removing: string;
    otpTitle: string;
    otpBody: (bank: string) => string;
    verifyOtp: string;
    removed: (account: string) => string;
    removeFailed: string;
    otpRequired: string;
    expires: (monthYear: string) => string;
    confirmRemoveCardBody: string;
    removingCard: string;
    removeCardFailed: string;
  };
  card: {
    brands: Record<CardBrandId, string>;
    title: string;
    intro: string;
    add: string;
    creating: string;
    dialogTitle: string;
    pageTitle: string;
    continueInWindow: string;
    windowHint: string;
    popupBlocked: string;
    popupClosed: string;
    reopen: string;
    redirecting: string;
    verifying: string;
    added: (card: string) => string;
    failedTitle: string;
    authFailedTitle: string;
    expired: string;
    stillProcessing: string;
    checkAgain: string;
    /** Plain words for a card's decline, where they differ from a bank account's. */
    declines: Partial<Record<FailureCode, string>>;
  };
  bind: {
    title: string;
    chooseBank: string;
    noBankChosen: string;
    continue: string;
    creating: string;
    dialogTitle: (bank: string) => string;
    bankPageTitle: (bank: string) => string;
    continueInWindow: (bank: string) => string;
    windowHint: string;
    popupBlocked: string;
    popupClosed: string;
    reopen: string;
    redirecting: (bank: string) => string;
    verifying: string;
    bound: (bank: string) => string;
    failedTitle: string;
    expired: string;
    stillProcessing: string;
    checkAgain: string;
    chooseAnother: string;
    anyBank: string;
    refusedTitle: string;
    refusedBody: (bank: string) => string;
    refusedUseExisting: string;
    refusedUnbindFirst: string;
    refusedOneAccountPerUser: (bank: string) => string;
  };
  pay: {
    title: (amount: string) => string;
    invalidCheckout: string;
    loadingCheckout: string;
    checkoutNotFound: string;
    checkoutLoadError: string;
    order: (orderId: string) => string;
    payBefore: (date: string) => string;
    alreadyPaidTitle: string;
    alreadyPaidBody: (amount: string) => string;
    inProgressTitle: string;
    inProgressBody: string;
    expiredTitle: string;
    expiredBody: string;
    cancelledTitle: string;
    cancelledBody: string;
    chooseAccount: string;
    noAccountChosen: string;
    bindNew: string;
    payButton: (amount: string) => string;
    paying: string;
    otpTitle: string;
    otpBody: (bank: string) => string;
    otpIncomplete: string;
    confirmOtp: string;
    checkingOtp: string;
    processing: string;
    stillProcessing: string;
    checkAgain: string;
    succeeded: (amount: string) => string;
    failedTitle: string;
    tryAgain: string;
    holdTitle: (amount: string) => string;
    holdButton: (amount: string) => string;
    holding: string;
    held: (amount: string) => string;
    heldBody: string;
    addCard: string;
    chooseCard: string;
    noCardChosen: string;
    otpTitleCard: string;
    otpBodyCard: (brand: string) => string;
    voided: string;
  };
  status: {
    title: string;
    loading: string;
    loadError: string;
    amount: string;
    date: string;
    order: string;
    customer: string;
    refunded: string;
    states: {
      processing: string;
      requiresOtp: string;
      succeeded: string;
      failed: string;
      refunded: string;
      partiallyRefunded: string;
      authorized: string;
      captured: string;
      voided: string;
      expiredHold: string;
    };
    authorizedAmount: string;
    capturedAmount: string;
    holdExpires: string;
    holdExpiredBody: string;
    capture: string;
    captureTitle: string;
    captureAmount: string;
    captureHint: (authorized: string, max: string) => string;
    captureAmountInvalid: (max: string) => string;
    captureExceeds: (max: string) => string;
    confirmCapture: (amount: string) => string;
    capturing: string;
    captured: (amount: string) => string;
    captureFailed: string;
    void: string;
    voidTitle: string;
    voidBody: (amount: string) => string;
    confirmVoid: string;
    voiding: string;
    voided: string;
    voidFailed: string;
    refundCardFullOnly: string;
    /** Instead of "refund" on a card payment when the provider has no card refund API. */
    cardRefundByOps: string;
    refund: string;
    refundTitle: string;
    refundFull: (amount: string) => string;
    refundPartial: string;
    refundAmount: string;
    refundAmountHint: (max: string) => string;
    refundAmountInvalid: (max: string) => string;
    confirmRefund: string;
    refunding: string;
    refundProcessing: string;
    refundSucceeded: (amount: string) => string;
    refundFailed: string;
  };
  audit: {
    title: string;
    intro: string;
    loading: string;
    loadError: string;
    empty: string;
    loaded: (count: number) => string;
    when: string;
    who: string;
    action: string;
    payment: string;
    amount: string;
    result: string;
    actions: Record<AuditAction, string>;
    accepted: string;
    refused: string;
    server: string;
    fullAmount: string;
    heldAmount: string;
    noAmount: string;
    reason: (reason: string) => string;
  };
  errors: Record<FailureCode, string>;
}

const id: AyoMessages = {
  common: {
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
  },
  banks: {
    legend: 'Pilih bank Anda',
    loading: 'Memuat daftar bank…',
    loaded: (n) => `${n} bank tersedia`,
    loadError: 'Daftar bank tidak dapat dimuat.',
    paymentOtp: 'OTP saat bayar',
    otpAlways: 'selalu',
    otpAbove: (amount) => `di atas ${amount}`,
    unbindingOtp: 'OTP saat melepas',
    unbindingOtpYes: 'ya',
    unbindingOtpNo: 'tidak',
    rebindingLabel: 'Menautkan ulang',
    rebinding: {
      oneAccountPerUser: 'Satu rekening per pengguna; lepas dulu untuk menautkan rekening lain.',
      manyToMany: 'Bebas: beberapa rekening, dan rekening yang sama oleh beberapa pengguna.',
      oneUserPerAccount:
        'Satu rekening hanya bisa ditautkan sekali di toko ini; Anda boleh menautkan beberapa.',
      oneBindingPerAccount: 'Satu rekening hanya bisa ditautkan sekali di toko ini.',
      noSameAccountTwice: 'Rekening yang sama tidak bisa ditautkan dua kali; lepas dulu.',
    },
    unavailable: {
      ONE_ACCOUNT_PER_USER:
        'Anda sudah menautkan satu rekening di bank ini. Bank hanya mengizinkan satu rekening per pengguna: gunakan rekening itu, atau lepas dulu.',
    },
  },
  otp: {
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
  },
  savedCards: {
    legend: {
      accounts: 'Rekening tersimpan',
      cards: 'Kartu tersimpan',
      both: 'Rekening dan kartu tersimpan',
    },
    loading: {
      accounts: 'Memuat rekening tersimpan…',
      cards: 'Memuat kartu tersimpan…',
      both: 'Memuat rekening dan kartu tersimpan…',
    },
    loadError: {
      accounts: 'Rekening tersimpan tidak dapat dimuat.',
      cards: 'Kartu tersimpan tidak dapat dimuat.',
      both: 'Rekening dan kartu tersimpan tidak dapat dimuat.',
    },
    empty: {
      accounts: 'Belum ada rekening tersimpan.',
      cards: 'Belum ada kartu tersimpan.',
      both: 'Belum ada rekening atau kartu tersimpan.',
    },
    endingIn: (last4) => `berakhiran ${last4}`,
    badgeDefault: 'Utama',
    badgeExpired: 'Kedaluwarsa',
    badgeExpiring: 'Segera kedaluwarsa',
    badgeBlocked: 'Diblokir',
    setDefault: 'Jadikan utama',
    setDefaultFor: (a) => `Jadikan utama: ${a}`,
    defaultSet: (a) => `${a} sekarang menjadi utama.`,
    remove: 'Hapus',
    removeFor: (a) => `Hapus ${a}`,
    confirmTitle: (a) => `Hapus ${a}?`,
    confirmBody: 'Anda perlu menautkannya lagi untuk membayar dengan rekening ini.',
    confirmRemove: 'Ya, hapus',
    removing: 'Menghapus rekening…',
    otpTitle: 'Masukkan OTP dari bank',
    otpBody: (bank) => `${bank} meminta kode OTP untuk melepas rekening ini.`,
    verifyOtp: 'Verifikasi dan hapus',
    removed: (a) => `${a} telah dihapus.`,
    removeFailed: 'Rekening tidak dapat dihapus.',
    otpRequired: 'Masukkan 6 digit kode.',
    expires: (my) => `berlaku s.d. ${my}`,
    confirmRemoveCardBody: 'Anda perlu menambahkannya lagi untuk membayar dengan kartu ini.',
    removingCard: 'Menghapus kartu…',
    removeCardFailed: 'Kartu tidak dapat dihapus.',
  },
  card: {
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
  },
  bind: {
    title: 'Tautkan rekening bank',
    chooseBank: 'Pilih bank untuk ditautkan',
    noBankChosen: 'Pilih bank terlebih dahulu.',
    continue: 'Lanjut ke bank',
    creating: 'Membuka halaman bank…',
    dialogTitle: (bank) => `Lanjutkan di ${bank}`,
    bankPageTitle: (bank) => `Halaman ${bank}`,
    continueInWindow: (bank) => `Lanjutkan di jendela ${bank}`,
    windowHint: 'Masukkan detail rekening dan OTP di jendela bank, lalu kembali ke sini.',
    popupBlocked: 'Browser Anda memblokir jendela bank.',
    popupClosed: 'Jendela bank telah ditutup.',
    reopen: 'Buka jendela bank',
    redirecting: (bank) => `Mengarahkan Anda ke ${bank}…`,
    verifying: 'Bank sedang memverifikasi rekening Anda…',
    bound: (bank) => `Rekening ${bank} berhasil ditautkan.`,
    failedTitle: 'Rekening tidak dapat ditautkan',
    expired: 'Halaman bank kedaluwarsa sebelum selesai.',
    stillProcessing: 'Bank belum memberi kabar. Kami akan memperbarui halaman ini begitu ada jawaban.',
    checkAgain: 'Periksa lagi',
    chooseAnother: 'Pilih bank lain',
    anyBank: 'bank',
    refusedTitle: 'Bank menolak menautkan rekening ini lagi',
    refusedBody: (bank) => `${bank} hanya mengizinkan rekening ini ditautkan sekali di toko ini. Anda dapat:`,
    refusedUseExisting: 'menggunakan rekening yang sudah tertaut (ada di rekening tersimpan Anda), atau',
    refusedUnbindFirst: 'melepas (menghapus) rekening itu terlebih dahulu, lalu menautkannya lagi.',
    refusedOneAccountPerUser: (bank) =>
      `${bank} hanya mengizinkan satu rekening per pengguna, dan Anda sudah punya satu. Anda dapat:`,
  },
  pay: {
    title: (amount) => `Bayar ${amount}`,
    invalidCheckout:
      'Pembayaran ini tidak dapat ditampilkan: `checkout` harus berupa ID checkout (chk_…) yang dibuat server toko.',
    loadingCheckout: 'Memuat detail pembayaran…',
    checkoutNotFound:
      'Pembayaran ini tidak ditemukan. Mungkin milik akun lain: masuk dengan akun yang membuat pesanan.',
    checkoutLoadError: 'Detail pembayaran tidak dapat dimuat.',
    order: (orderId) => `Pesanan ${orderId}`,
    payBefore: (date) => `Bayar sebelum ${date}`,
    alreadyPaidTitle: 'Pesanan ini sudah dibayar',
    alreadyPaidBody: (amount) =>
      `${amount} untuk pesanan ini sudah dibayar. Tidak ada lagi yang perlu dibayar.`,
    inProgressTitle: 'Pembayaran untuk pesanan ini sedang berlangsung',
    inProgressBody: 'Tunggu hingga selesai; jangan bayar lagi.',
    expiredTitle: 'Batas waktu pembayaran ini sudah lewat',
    expiredBody: 'Tidak ada dana yang ditagih. Kembali ke toko untuk memesan lagi.',
    cancelledTitle: 'Pembayaran ini dibatalkan oleh toko',
    cancelledBody: 'Tidak ada dana yang ditagih. Kembali ke toko jika Anda masih ingin memesan.',
    chooseAccount: 'Bayar dengan',
    noAccountChosen: 'Pilih rekening atau kartu untuk membayar.',
    bindNew: 'Tautkan rekening baru',
    payButton: (amount) => `Bayar ${amount}`,
    paying: 'Memproses pembayaran…',
    otpTitle: 'Masukkan OTP',
    otpBody: (bank) => `${bank} mengirim kode OTP lewat SMS untuk menyetujui pembayaran ini.`,
    otpIncomplete: 'Masukkan 6 digit kode.',
    confirmOtp: 'Konfirmasi pembayaran',
    checkingOtp: 'Memeriksa kode…',
    processing: 'Menunggu konfirmasi bank…',
    stillProcessing:
      'Bank belum mengonfirmasi. Pembayaran Anda masih diproses; jangan bayar lagi. Kami akan memperbaruinya di sini.',
    checkAgain: 'Periksa lagi',
    succeeded: (amount) => `Pembayaran ${amount} berhasil.`,
    failedTitle: 'Pembayaran gagal',
    tryAgain: 'Coba bayar lagi',
    holdTitle: (amount) => `Tahan dana ${amount}`,
    holdButton: (amount) => `Tahan ${amount}`,
    holding: 'Menahan dana di kartu…',
    held: (amount) => `Dana ${amount} ditahan di kartu Anda.`,
    heldBody: 'Kartu Anda baru ditagih saat penjual mengonfirmasi pesanan.',
    addCard: 'Tambah kartu baru',
    chooseCard: 'Tahan dana di kartu',
    noCardChosen: 'Pilih kartu.',
    otpTitleCard: 'Verifikasi 3-D Secure',
    otpBodyCard: (brand) =>
      `Bank penerbit ${brand} Anda mengirim kode lewat SMS untuk menyetujui pembayaran ini.`,
    voided: 'Penahanan dana dibatalkan; kartu Anda tidak ditagih.',
  },
  status: {
    title: 'Status pembayaran',
    loading: 'Memuat pembayaran…',
    loadError: 'Pembayaran tidak dapat dimuat.',
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
    capture: 'Tagih',
    captureTitle: 'Tagih pembayaran ini',
    captureAmount: 'Jumlah yang ditagih (Rp)',
    captureHint: (auth, max) => `Ditahan ${auth}; paling banyak ${max} (120%).`,
    captureAmountInvalid: (max) => `Masukkan bilangan bulat rupiah antara 1 dan ${max}.`,
    captureExceeds: (max) => `Tagihan paling banyak ${max}: 120% dari dana yang ditahan.`,
    confirmCapture: (amount) => `Tagih ${amount}`,
    capturing: 'Menagih…',
    captured: (amount) => `${amount} telah ditagih.`,
    captureFailed: 'Tagihan gagal',
    void: 'Batalkan penahanan',
    voidTitle: 'Batalkan penahanan dana ini?',
    voidBody: (amount) => `Dana ${amount} dilepas dan pembeli tidak ditagih.`,
    confirmVoid: 'Ya, batalkan',
    voiding: 'Membatalkan…',
    voided: 'Penahanan dana telah dibatalkan.',
    voidFailed: 'Pembatalan gagal',
    refundCardFullOnly: 'Pembayaran kartu hanya bisa dikembalikan seluruhnya.',
    cardRefundByOps: 'Pengembalian dana kartu dilakukan oleh tim operasional Ayoconnect.',
    refund: 'Kembalikan dana',
    refundTitle: 'Kembalikan dana',
    refundFull: (amount) => `Seluruhnya (${amount})`,
    refundPartial: 'Sebagian',
    refundAmount: 'Jumlah pengembalian (Rp)',
    refundAmountHint: (max) => `Paling banyak ${max}.`,
    refundAmountInvalid: (max) => `Masukkan bilangan bulat rupiah antara 1 dan ${max}.`,
    confirmRefund: 'Kembalikan dana',
    refunding: 'Mengembalikan dana…',
    refundProcessing: 'Bank sedang memproses pengembalian dana…',
    refundSucceeded: (amount) => `Dana ${amount} telah dikembalikan.`,
    refundFailed: 'Dana tidak dapat dikembalikan',
  },
  audit: {
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
  },
  errors: {
    INVALID_REQUEST: 'Permintaan tidak valid.',
    INVALID_JSON: 'Permintaan tidak valid.',
    IDEMPOTENCY_KEY_MISSING: 'Permintaan tidak lengkap. Muat ulang halaman dan coba lagi.',
    IDEMPOTENCY_KEY_REUSED: 'Permintaan ini sudah pernah dikirim dengan data lain. Muat ulang halaman.',
    UNAUTHENTICATED: 'Anda belum masuk. Silakan masuk lalu coba lagi.',
    FORBIDDEN_ORIGIN: 'Permintaan ini tidak diizinkan dari halaman ini.',
    FORBIDDEN: 'Peran Anda tidak mengizinkan tindakan ini.',
    CHECKOUT_PAID: 'Pesanan ini sudah dibayar.',
    CHECKOUT_IN_PROGRESS: 'Pembayaran untuk pesanan ini sedang berlangsung. Jangan bayar lagi.',
    CHECKOUT_EXPIRED: 'Batas waktu pembayaran ini sudah lewat. Kembali ke toko untuk memesan lagi.',
    CHECKOUT_CANCELLED: 'Pembayaran ini dibatalkan oleh toko.',
    NOT_FOUND: 'Data tidak ditemukan.',
    INVALID_STATE: 'Tindakan ini tidak bisa dilakukan sekarang.',
    REBINDING_NOT_ALLOWED: 'Bank tidak mengizinkan menautkan rekening lain untuk Anda.',
    INSTRUMENT_NOT_ACTIVE: 'Rekening ini tidak bisa dipakai untuk membayar. Pilih rekening lain.',
    OTP_INVALID: 'Kode OTP salah.',
    OTP_EXPIRED: 'Kode OTP sudah kedaluwarsa. Minta kode baru.',
    OTP_BLOCKED: 'Terlalu banyak OTP salah: bank memblokir rekening ini. Hubungi bank Anda.',
    INSUFFICIENT_FUNDS: 'Saldo rekening tidak cukup. Isi saldo atau pilih rekening lain.',
    CARD_EXPIRED: 'Kartu debit untuk rekening ini sudah kedaluwarsa. Tautkan ulang dengan kartu baru.',
    ACCOUNT_INACTIVE: 'Rekening bank tidak aktif. Hubungi bank Anda atau pilih rekening lain.',
    ACCOUNT_BLOCKED: 'Rekening bank diblokir. Hubungi bank Anda atau pilih rekening lain.',
    INVALID_AMOUNT: 'Jumlahnya tidak valid.',
    REFUND_EXCEEDS_PAYMENT: 'Jumlah pengembalian melebihi sisa yang bisa dikembalikan.',
    REFUND_NOT_ALLOWED: 'Bank tidak mengizinkan pengembalian dana ini (mungkin sudah lewat batas waktunya).',
    PAYMENT_DECLINED: 'Bank menolak pembayaran ini.',
    RATE_LIMITED: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
    UPSTREAM_UNAVAILABLE: 'Bank tidak dapat dihubungi. Silakan coba lagi.',
    UPSTREAM_REJECTED: 'Penyedia pembayaran menolak permintaan ini.',
    INTERNAL: 'Terjadi kesalahan di sistem kami. Silakan coba lagi.',
    SESSION_EXPIRED: 'Halaman bank kedaluwarsa sebelum selesai.',
    BINDING_REFUSED: 'Bank menolak menautkan rekening ini lagi.',
    BINDING_FAILED: 'Bank tidak menautkan rekening ini.',
    PARTIAL_REFUND_NOT_ALLOWED: 'Pembayaran kartu hanya bisa dikembalikan seluruhnya.',
    CAPTURE_EXCEEDS_AUTHORIZATION: 'Tagihan paling banyak 120% dari dana yang ditahan.',
    MODE_NOT_SUPPORTED: 'Hanya pembayaran kartu yang bisa ditahan dulu dan ditagih kemudian.',
    NOT_SUPPORTED: 'Tidak tersedia di layanan pembayaran ini.',
    AUTHENTICATION_FAILED: 'Verifikasi 3-D Secure tidak selesai. Silakan coba lagi.',
    AUTHORIZATION_EXPIRED: 'Penahanan dana berakhir sebelum ditagih.',
  },
};

const en: AyoMessages = {
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    cancel: 'Cancel',
    close: 'Close',
    tryAgain: 'Try again',
    back: 'Back',
    continue: 'Continue',
    confirm: 'Confirm',
    timeLeft: (clock) => `Time left ${clock}`,
    minutesLeft: (m) => `${m} minute${m === 1 ? '' : 's'} left`,
  },
  banks: {
    legend: 'Choose your bank',
    loading: 'Loading banks…',
    loaded: (n) => `${n} banks available`,
    loadError: 'The banks could not be loaded.',
    paymentOtp: 'OTP on payment',
    otpAlways: 'always',
    otpAbove: (amount) => `above ${amount}`,
    unbindingOtp: 'OTP to unbind',
    unbindingOtpYes: 'yes',
    unbindingOtpNo: 'no',
    rebindingLabel: 'Binding again',
    rebinding: {
      oneAccountPerUser: 'One account per user; unbind it first to bind another.',
      manyToMany: 'Open: several accounts, and the same account by several users.',
      oneUserPerAccount: 'An account can be bound once in this shop; you may bind several.',
      oneBindingPerAccount: 'An account can be bound only once in this shop.',
      noSameAccountTwice: 'The same account cannot be bound twice; unbind it first.',
    },
    unavailable: {
      ONE_ACCOUNT_PER_USER:
        'You already have an account bound with this bank. It allows one account per user: use that account, or unbind it first.',
    },
  },
  otp: {
    label: 'OTP code',
    hint: "Enter the 6-digit code from your bank's SMS.",
    attemptsLeft: (n) => `${n} attempt${n === 1 ? '' : 's'} left.`,
    noAttemptsLeft: 'No attempts left.',
    resend: 'Resend code',
    resendIn: (clock) => `Resend code in ${clock}`,
    resendReady: 'You can ask for a new code now.',
    resent: 'A new code was sent.',
    complete: 'Code complete.',
    resendsLeft: (n) => `${n} new code${n === 1 ? '' : 's'} left.`,
    noResendsLeft: 'No more codes can be sent.',
    resending: 'Sending a new code…',
    noResend: 'A new code cannot be sent. Wait for the SMS, or cancel and start again.',
  },
  savedCards: {
    legend: { accounts: 'Saved accounts', cards: 'Saved cards', both: 'Saved accounts and cards' },
    loading: {
      accounts: 'Loading saved accounts…',
      cards: 'Loading saved cards…',
      both: 'Loading saved accounts and cards…',
    },
    loadError: {
      accounts: 'Your saved accounts could not be loaded.',
      cards: 'Your saved cards could not be loaded.',
      both: 'Your saved accounts and cards could not be loaded.',
    },
    empty: {
      accounts: 'No saved accounts yet.',
      cards: 'No saved cards yet.',
      both: 'No saved accounts or cards yet.',
    },
    endingIn: (last4) => `ending in ${last4}`,
    badgeDefault: 'Default',
    badgeExpired: 'Expired',
    badgeExpiring: 'Expiring soon',
    badgeBlocked: 'Blocked',
    setDefault: 'Set as default',
    setDefaultFor: (a) => `Set as default: ${a}`,
    defaultSet: (a) => `${a} is now your default.`,
    remove: 'Remove',
    removeFor: (a) => `Remove ${a}`,
    confirmTitle: (a) => `Remove ${a}?`,
    confirmBody: 'You will need to bind it again to pay with this account.',
    confirmRemove: 'Yes, remove',
    removing: 'Removing the account…',
    otpTitle: 'Enter the OTP from your bank',
    otpBody: (bank) => `${bank} asks for an OTP to unbind this account.`,
    verifyOtp: 'Verify and remove',
    removed: (a) => `${a} was removed.`,
    removeFailed: 'The account could not be removed.',
    otpRequired: 'Enter the 6-digit code.',
    expires: (my) => `expires ${my}`,
    confirmRemoveCardBody: 'You will need to add it again to pay with this card.',
    removingCard: 'Removing the card…',
    removeCardFailed: 'The card could not be removed.',
  },
  card: {
    brands: { visa: 'Visa', mastercard: 'Mastercard', jcb: 'JCB' },
    title: 'Add a credit or debit card',
    intro:
      'You enter the card number on the secure page of our payment partner; it never passes through this shop.',
    add: 'Add card',
    creating: 'Opening the secure card page…',
    dialogTitle: 'Enter your card details',
    pageTitle: 'Secure card page',
    continueInWindow: 'Continue in the card page window',
    windowHint:
      'Enter your card details (and the 3-D Secure code if asked) in that window, then come back here.',
    popupBlocked: 'Your browser blocked the card page window.',
    popupClosed: 'The card page window was closed.',
    reopen: 'Open the card page',
    redirecting: 'Taking you to the card page…',
    verifying: 'Checking your card…',
    added: (card) => `${card} was added.`,
    failedTitle: 'The card could not be added',
    authFailedTitle: '3-D Secure was not completed',
    expired: 'The card page expired before you finished.',
    stillProcessing: 'We have no answer yet. This page will update as soon as we do.',
    checkAgain: 'Check again',
    declines: {
      PAYMENT_DECLINED: "The card's bank declined it. Try another card or contact your bank.",
      INSUFFICIENT_FUNDS: 'The card does not have enough credit or balance. Try another card.',
      CARD_EXPIRED: 'This card has expired. Add a new card or choose another one.',
      INSTRUMENT_NOT_ACTIVE: 'This card cannot be used for payments. Choose another card.',
    },
  },
  bind: {
    title: 'Bind a bank account',
    chooseBank: 'Choose a bank to bind',
    noBankChosen: 'Choose a bank first.',
    continue: 'Continue to bank',
    creating: "Opening your bank's page…",
    dialogTitle: (bank) => `Continue at ${bank}`,
    bankPageTitle: (bank) => `${bank} page`,
    continueInWindow: (bank) => `Continue in the ${bank} window`,
    windowHint: "Enter your account details and the OTP in the bank's window, then come back here.",
    popupBlocked: "Your browser blocked the bank's window.",
    popupClosed: "The bank's window was closed.",
    reopen: "Open the bank's window",
    redirecting: (bank) => `Taking you to ${bank}…`,
    verifying: 'The bank is verifying your account…',
    bound: (bank) => `Your ${bank} account is bound.`,
    failedTitle: 'The account could not be bound',
    expired: "The bank's page expired before you finished.",
    stillProcessing: 'The bank has not answered yet. We will update this page as soon as it does.',
    checkAgain: 'Check again',
    chooseAnother: 'Choose another bank',
    anyBank: 'the bank',
    refusedTitle: 'The bank refused to bind this account again',
    refusedBody: (bank) => `${bank} lets an account be bound only once in this shop. You can:`,
    refusedUseExisting: 'use the account already bound (it is in your saved accounts), or',
    refusedUnbindFirst: 'unbind (remove) that account first, then bind it again.',
    refusedOneAccountPerUser: (bank) =>
      `${bank} allows one account per user, and you already have one. You can:`,
  },
  pay: {
    title: (amount) => `Pay ${amount}`,
    invalidCheckout:
      "This payment cannot be shown: `checkout` must be a checkout id (chk_…) made by the shop's server.",
    loadingCheckout: 'Loading the payment details…',
    checkoutNotFound:
      'This payment was not found. It may belong to another account: sign in with the account that placed the order.',
    checkoutLoadError: 'The payment details could not be loaded.',
    order: (orderId) => `Order ${orderId}`,
    payBefore: (date) => `Pay before ${date}`,
    alreadyPaidTitle: 'This order is already paid',
    alreadyPaidBody: (amount) => `${amount} was paid for this order. There is nothing more to pay.`,
    inProgressTitle: 'A payment for this order is under way',
    inProgressBody: 'Wait for it to finish; do not pay again.',
    expiredTitle: 'This payment has expired',
    expiredBody: 'Nothing was charged. Go back to the shop to order again.',
    cancelledTitle: 'This payment was cancelled by the shop',
    cancelledBody: 'Nothing was charged. Go back to the shop if you still want to order.',
    chooseAccount: 'Pay with',
    noAccountChosen: 'Choose an account or card to pay with.',
    bindNew: 'Bind a new account',
    payButton: (amount) => `Pay ${amount}`,
    paying: 'Processing the payment…',
    otpTitle: 'Enter the OTP',
    otpBody: (bank) => `${bank} sent an OTP by SMS to approve this payment.`,
    otpIncomplete: 'Enter the 6-digit code.',
    confirmOtp: 'Confirm payment',
    checkingOtp: 'Checking the code…',
    processing: 'Waiting for the bank to confirm…',
    stillProcessing:
      'The bank has not confirmed yet. Your payment is still processing; do not pay again. We will update it here.',
    checkAgain: 'Check again',
    succeeded: (amount) => `Payment of ${amount} succeeded.`,
    failedTitle: 'The payment failed',
    tryAgain: 'Try paying again',
    holdTitle: (amount) => `Hold ${amount}`,
    holdButton: (amount) => `Hold ${amount}`,
    holding: 'Holding the amount on your card…',
    held: (amount) => `${amount} is held on your card.`,
    heldBody: 'Your card is charged only when the shop confirms the order.',
    addCard: 'Add a new card',
    chooseCard: 'Hold on card',
    noCardChosen: 'Choose a card.',
    otpTitleCard: '3-D Secure verification',
    otpBodyCard: (brand) => `Your ${brand} card's bank sent a code by SMS to approve this payment.`,
    voided: 'The hold was released; your card is not charged.',
  },
  status: {
    title: 'Payment status',
    loading: 'Loading the payment…',
    loadError: 'The payment could not be loaded.',
    amount: 'Amount',
    date: 'Date',
    order: 'Order',
    customer: 'Customer',
    refunded: 'Refunded',
    states: {
      processing: 'Processing',
      requiresOtp: 'Needs OTP',
      succeeded: 'Succeeded',
      failed: 'Failed',
      refunded: 'Refunded',
      partiallyRefunded: 'Partially refunded',
      authorized: 'Authorised',
      captured: 'Captured',
      voided: 'Voided',
      expiredHold: 'Expired hold',
    },
    authorizedAmount: 'Authorised',
    capturedAmount: 'Captured',
    holdExpires: 'Hold expires',
    holdExpiredBody: 'The hold expired before it was captured; the shopper was not charged.',
    capture: 'Capture',
    captureTitle: 'Capture this payment',
    captureAmount: 'Amount to capture (Rp)',
    captureHint: (auth, max) => `Authorised ${auth}; at most ${max} (120%).`,
    captureAmountInvalid: (max) => `Enter a whole number of rupiah between 1 and ${max}.`,
    captureExceeds: (max) => `A capture can be at most ${max}: 120% of the authorised amount.`,
    confirmCapture: (amount) => `Capture ${amount}`,
    capturing: 'Capturing…',
    captured: (amount) => `${amount} was captured.`,
    captureFailed: 'The capture failed',
    void: 'Void',
    voidTitle: 'Void this authorisation?',
    voidBody: (amount) => `The hold of ${amount} is released and the shopper is not charged.`,
    confirmVoid: 'Yes, void',
    voiding: 'Voiding…',
    voided: 'The hold was released.',
    voidFailed: 'The void failed',
    refundCardFullOnly: 'Card payments are refunded in full.',
    cardRefundByOps: 'Card refunds are made by Ayoconnect operations.',
    refund: 'Refund',
    refundTitle: 'Refund this payment',
    refundFull: (amount) => `Full refund (${amount})`,
    refundPartial: 'Partial refund',
    refundAmount: 'Refund amount (Rp)',
    refundAmountHint: (max) => `At most ${max}.`,
    refundAmountInvalid: (max) => `Enter a whole number of rupiah between 1 and ${max}.`,
    confirmRefund: 'Refund',
    refunding: 'Refunding…',
    refundProcessing: 'The bank is processing the refund…',
    refundSucceeded: (amount) => `${amount} was refunded.`,
    refundFailed: 'The refund failed',
  },
  audit: {
    title: 'Audit trail',
    intro: 'Every refund, capture and void, accepted or refused; newest first.',
    loading: 'Loading the audit trail…',
    loadError: 'The audit trail could not be loaded.',
    empty: 'No refunds, captures or voids yet.',
    loaded: (n) => `${n} entr${n === 1 ? 'y' : 'ies'}`,
    when: 'When',
    who: 'Who',
    action: 'Action',
    payment: 'Payment',
    amount: 'Amount',
    result: 'Result',
    actions: { refund: 'Refund', capture: 'Capture', void: 'Void' },
    accepted: 'Accepted',
    refused: 'Refused',
    server: 'Shop server',
    fullAmount: 'All that was left',
    heldAmount: 'The amount held',
    noAmount: 'No amount',
    reason: (r) => `Reason: ${r}`,
  },
  errors: {
    INVALID_REQUEST: 'The request is not valid.',
    INVALID_JSON: 'The request is not valid.',
    IDEMPOTENCY_KEY_MISSING: 'The request was incomplete. Reload the page and try again.',
    IDEMPOTENCY_KEY_REUSED: 'This request was already sent with other details. Reload the page.',
    UNAUTHENTICATED: 'You are not signed in. Sign in and try again.',
    FORBIDDEN_ORIGIN: 'This request is not allowed from this page.',
    FORBIDDEN: 'Your role does not allow this action.',
    CHECKOUT_PAID: 'This order is already paid.',
    CHECKOUT_IN_PROGRESS: 'A payment for this order is already under way. Do not pay again.',
    CHECKOUT_EXPIRED: 'This payment has expired. Go back to the shop to order again.',
    CHECKOUT_CANCELLED: 'This payment was cancelled by the shop.',
    NOT_FOUND: 'Not found.',
    INVALID_STATE: 'This cannot be done right now.',
    REBINDING_NOT_ALLOWED: 'The bank does not allow you to bind another account.',
    INSTRUMENT_NOT_ACTIVE: 'This account cannot be used for payments. Choose another account.',
    OTP_INVALID: 'The OTP is not correct.',
    OTP_EXPIRED: 'The OTP has expired. Ask for a new code.',
    OTP_BLOCKED: 'Too many wrong OTPs: the bank blocked this account. Contact your bank.',
    INSUFFICIENT_FUNDS: 'The account does not have enough funds. Top it up or choose another account.',
    CARD_EXPIRED: 'The debit card of this account has expired. Bind it again with the new card.',
    ACCOUNT_INACTIVE: 'The bank account is inactive. Contact your bank or choose another account.',
    ACCOUNT_BLOCKED: 'The bank account is blocked. Contact your bank or choose another account.',
    INVALID_AMOUNT: 'The amount is not valid.',
    REFUND_EXCEEDS_PAYMENT: 'The refund is more than what is left to refund.',
    REFUND_NOT_ALLOWED: 'The bank does not allow this refund (its time limit may have passed).',
    PAYMENT_DECLINED: 'The bank declined the payment.',
    RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
    UPSTREAM_UNAVAILABLE: 'The bank could not be reached. Please try again.',
    UPSTREAM_REJECTED: 'The payment provider rejected the request.',
    INTERNAL: 'Something went wrong on our side. Please try again.',
    SESSION_EXPIRED: "The bank's page expired before you finished.",
    BINDING_REFUSED: 'The bank refused to bind this account again.',
    BINDING_FAILED: 'The bank did not bind the account.',
    PARTIAL_REFUND_NOT_ALLOWED: 'Card payments can only be refunded in full.',
    CAPTURE_EXCEEDS_AUTHORIZATION: 'A capture can be at most 120% of the authorised amount.',
    MODE_NOT_SUPPORTED: 'Only card payments can be authorised first and captured later.',
    NOT_SUPPORTED: 'Not offered by the payment provider.',
    AUTHENTICATION_FAILED: '3-D Secure verification was not completed. Please try again.',
    AUTHORIZATION_EXPIRED: 'The hold expired before it was captured.',
  },
};

export const messages: Record<Locale, AyoMessages> = { id, en };

/** Your words over the built-in ones, for one locale: `{ savedCards: { legend: { cards: 'Your cards' } } }`. */
export type PartialAyoMessages = PartialMessages<AyoMessages>;
/** `AyoProvider`'s `messages`: your words per locale, e.g. `{ en: { … }, id: { … } }`. */
export type AyoMessageOverrides = MessageOverrides<AyoMessages>;

/** The dictionary of the provider's locale, with the provider's `messages` on top. */
export function useMessages(component: string): { t: AyoMessages; locale: Locale } {
  const { locale, messages: overrides } = useAyoContext(component);
  return { t: withOverrides(messages, locale, overrides), locale };
}

/** A card's decline in plain words (a card, not an account), else the usual words. */
export function cardErrorText(t: AyoMessages, error: { code: string; message?: string }): string {
  return (t.card.declines as Record<string, string>)[error.code] ?? errorText(t, error);
}

/** Plain words for an error code; unknown codes fall back to the server's message. */
export function errorText(t: AyoMessages, error: { code: string; message?: string }): string {
  return (t.errors as Record<string, string>)[error.code] ?? error.message ?? t.errors.INTERNAL;
}
