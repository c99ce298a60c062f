/** The webview's strings, Indonesian and English. */
export type Lang = 'ID' | 'EN';

/** The card registration page's strings. */
export interface CardDictionary {
  sandboxHint: string;
  detailsTitle: string;
  cardNumber: string;
  cardNumberHint: string;
  holderName: string;
  expiry: string;
  expiryHint: string;
  cvv: string;
  cvvHint: string;
  save: string;
  challengeTitle: string;
  challengeBody: (masked: string) => string;
  otpLabel: string;
  confirm: string;
  successTitle: string;
  successBody: (masked: string) => string;
  failedTitle: string;
  /** Why the card was not saved, in plain words (the wire reason stays out of the page's text). */
  failed: {
    threeDsFailed: string;
    other: string;
  };
  expiredTitle: string;
  expiredBody: string;
  notFoundTitle: string;
  errors: {
    cardNumber: string;
    luhn: string;
    brand: string;
    holderName: string;
    expiry: string;
    expiryPast: string;
    cvv: string;
    otpFormat: string;
    otpWrong: (attemptsLeft: number) => string;
  };
}

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
  /** The expiry fields' placeholder, in the hint's letters (BB/TT, MM/YY). */
  expiryPlaceholder: string;
  otpTitle: string;
  otpLabel: string;
  /** Where the code went: the bank's own number for the account when the merchant sent no phoneNo. */
  otpSentTo: (phone: string | null) => string;
  verify: string;
  successTitle: string;
  successBody: string;
  failedTitle: string;
  /** Why the account was not linked, in plain words (the wire reason stays out of the page's text). */
  failed: {
    cardExpired: string;
    otpBlocked: string;
    /** The bank allows one linked account per user, and this user has one. */
    userHasAccount: (bank: string) => string;
    /** The account is linked already and the bank does not link it again. */
    accountLinked: (bank: string) => string;
    other: string;
  };
  expiredTitle: string;
  expiredBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  sessionEndsAt: (time: string) => string;
  errorSummary: string;
  card: CardDictionary;
  errors: {
    bankRequired: string;
    accountNumber: string;
    cardExpiry: string;
    otpFormat: string;
    otpWrong: (attemptsLeft: number) => string;
  };
}

export const DICTIONARIES: Record<Lang, Dictionary> = {
  ID: {
    htmlLang: 'id',
    sandboxHint: 'Sandbox — OTP uji 123456',
    chooseBankTitle: 'Hubungkan rekening bank',
    chooseBankLegend: 'Pilih bank Anda',
    continue: 'Lanjutkan',
    accountTitle: 'Data rekening',
    accountNumber: 'Nomor rekening atau kartu debit',
    accountNumberHint: '10 sampai 16 angka, tanpa spasi.',
    cardExpiry: 'Masa berlaku kartu',
    cardExpiryHint: 'Format BB/TT, contoh 08/29.',
    expiryPlaceholder: 'BB/TT',
    otpTitle: 'Verifikasi OTP',
    otpLabel: 'Kode OTP (6 angka)',
    otpSentTo: (phone) =>
      phone
        ? `Kode dikirim lewat SMS ke ${phone}.`
        : 'Kode dikirim lewat SMS ke nomor yang terdaftar di bank.',
    verify: 'Verifikasi',
    successTitle: 'Rekening berhasil dihubungkan',
    successBody: 'Anda dapat kembali ke aplikasi merchant.',
    failedTitle: 'Rekening gagal dihubungkan',
    failed: {
      cardExpired:
        'Masa berlaku kartu debit Anda sudah lewat. Periksa kartu Anda, lalu mulai lagi dari aplikasi merchant.',
      otpBlocked:
        'Kode OTP salah 3 kali, jadi bank menghentikan proses ini. Silakan mulai lagi dari aplikasi merchant.',
      userHasAccount: (bank) =>
        `${bank} hanya mengizinkan satu rekening terhubung per pengguna, dan Anda sudah menghubungkan satu.`,
      accountLinked: (bank) =>
        `Rekening ini sudah terhubung, dan ${bank} tidak mengizinkannya dihubungkan lagi.`,
      other: 'Bank tidak dapat menghubungkan rekening Anda. Silakan coba lagi dari aplikasi merchant.',
    },
    expiredTitle: 'Sesi telah berakhir',
    expiredBody: 'Waktu untuk menghubungkan rekening sudah habis. Silakan mulai lagi dari aplikasi merchant.',
    notFoundTitle: 'Sesi tidak ditemukan',
    notFoundBody: 'Tautan ini tidak valid.',
    sessionEndsAt: (time) => `Sesi berakhir pukul ${time} WIB.`,
    errorSummary: 'Periksa kembali isian Anda:',
    card: {
      sandboxHint: 'Sandbox — kartu uji 4111 1111 1111 1111, OTP 3-D Secure 123456',
      detailsTitle: 'Simpan kartu',
      cardNumber: 'Nomor kartu',
      cardNumberHint: 'Visa, Mastercard, atau JCB. 12 sampai 19 angka.',
      holderName: 'Nama pemegang kartu',
      expiry: 'Masa berlaku',
      expiryHint: 'Format BB/TT, contoh 08/29.',
      cvv: 'CVV',
      cvvHint: '3 angka di belakang kartu.',
      save: 'Simpan kartu',
      challengeTitle: 'Verifikasi 3-D Secure',
      challengeBody: (masked) => `Bank penerbit meminta kode OTP untuk kartu ${masked}.`,
      otpLabel: 'Kode OTP (6 angka)',
      confirm: 'Konfirmasi',
      successTitle: 'Kartu berhasil disimpan',
      successBody: (masked) => `Kartu ${masked} siap dipakai. Anda dapat kembali ke aplikasi merchant.`,
      failedTitle: 'Kartu gagal disimpan',
      failed: {
        threeDsFailed:
          'Kode OTP 3-D Secure salah 3 kali, jadi kartu tidak disimpan. Silakan mulai lagi dari aplikasi merchant.',
        other: 'Bank penerbit tidak dapat menyimpan kartu Anda. Silakan coba lagi dari aplikasi merchant.',
      },
      expiredTitle: 'Sesi telah berakhir',
      expiredBody: 'Waktu untuk menyimpan kartu sudah habis. Silakan mulai lagi dari aplikasi merchant.',
      notFoundTitle: 'Sesi tidak ditemukan',
      errors: {
        cardNumber: 'Masukkan nomor kartu 12 sampai 19 angka.',
        luhn: 'Nomor kartu tidak valid. Periksa kembali.',
        brand: 'Hanya kartu Visa, Mastercard, dan JCB yang diterima.',
        holderName: 'Masukkan nama seperti tertulis di kartu.',
        expiry: 'Masukkan masa berlaku dengan format BB/TT.',
        expiryPast: 'Kartu ini sudah tidak berlaku.',
        cvv: 'Masukkan 3 angka CVV.',
        otpFormat: 'Masukkan 6 angka kode OTP.',
        otpWrong: (n) => `Kode OTP salah. Sisa ${n} kali percobaan.`,
      },
    },
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
    sandboxHint: 'Sandbox — test OTP 123456',
    chooseBankTitle: 'Link your bank account',
    chooseBankLegend: 'Choose your bank',
    continue: 'Continue',
    accountTitle: 'Account details',
    accountNumber: 'Account or debit card number',
    accountNumberHint: '10 to 16 digits, no spaces.',
    cardExpiry: 'Card expiry',
    cardExpiryHint: 'Format MM/YY, for example 08/29.',
    expiryPlaceholder: 'MM/YY',
    otpTitle: 'OTP verification',
    otpLabel: 'OTP code (6 digits)',
    otpSentTo: (phone) =>
      phone
        ? `The code was sent by SMS to ${phone}.`
        : 'The code was sent by SMS to the number the bank holds.',
    verify: 'Verify',
    successTitle: 'Account linked',
    successBody: 'You can return to the merchant app.',
    failedTitle: 'Account linking failed',
    failed: {
      cardExpired: 'Your debit card has expired. Check your card, then start again from the merchant app.',
      otpBlocked:
        'The OTP code was wrong 3 times, so the bank stopped this attempt. Please start again from the merchant app.',
      userHasAccount: (bank) =>
        `${bank} allows one linked account per user, and you have already linked one.`,
      accountLinked: (bank) => `This account is already linked, and ${bank} does not allow linking it again.`,
      other: 'The bank could not link your account. Please try again from the merchant app.',
    },
    expiredTitle: 'Session expired',
    expiredBody: 'The time to link your account has run out. Please start again from the merchant app.',
    notFoundTitle: 'Session not found',
    notFoundBody: 'This link is not valid.',
    sessionEndsAt: (time) => `The session ends at ${time} WIB.`,
    errorSummary: 'Please check your entries:',
    card: {
      sandboxHint: 'Sandbox — test card 4111 1111 1111 1111, 3-D Secure OTP 123456',
      detailsTitle: 'Save your card',
      cardNumber: 'Card number',
      cardNumberHint: 'Visa, Mastercard or JCB. 12 to 19 digits.',
      holderName: 'Name on card',
      expiry: 'Expiry date',
      expiryHint: 'Format MM/YY, for example 08/29.',
      cvv: 'CVV',
      cvvHint: 'The 3 digits on the back of the card.',
      save: 'Save card',
      challengeTitle: '3-D Secure verification',
      challengeBody: (masked) => `Your card issuer asks for a one-time code for card ${masked}.`,
      otpLabel: 'One-time code (6 digits)',
      confirm: 'Confirm',
      successTitle: 'Card saved',
      successBody: (masked) => `Card ${masked} is ready to use. You can return to the merchant app.`,
      failedTitle: 'Card not saved',
      failed: {
        threeDsFailed:
          'The 3-D Secure code was wrong 3 times, so the card was not saved. Please start again from the merchant app.',
        other: 'Your card issuer could not save your card. Please try again from the merchant app.',
      },
      expiredTitle: 'Session expired',
      expiredBody: 'The time to save your card has run out. Please start again from the merchant app.',
      notFoundTitle: 'Session not found',
      errors: {
        cardNumber: 'Enter a card number of 12 to 19 digits.',
        luhn: 'This card number is not valid. Check it and try again.',
        brand: 'Only Visa, Mastercard and JCB cards are accepted.',
        holderName: 'Enter the name as it appears on the card.',
        expiry: 'Enter the expiry date as MM/YY.',
        expiryPast: 'This card has expired.',
        cvv: 'Enter the 3-digit CVV.',
        otpFormat: 'Enter the 6-digit code.',
        otpWrong: (n) => `Wrong code. ${n} attempt${n === 1 ? '' : 's'} left.`,
      },
    },
    errors: {
      bankRequired: 'Choose a bank.',
      accountNumber: 'Enter 10 to 16 digits.',
      cardExpiry: 'Enter the expiry as MM/YY.',
      otpFormat: 'Enter the 6-digit OTP code.',
      otpWrong: (n) => `Wrong OTP code. ${n} attempt${n === 1 ? '' : 's'} left.`,
    },
  },
};
